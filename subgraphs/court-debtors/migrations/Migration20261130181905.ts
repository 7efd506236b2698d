import { Migration } from '@mikro-orm/migrations';

export class Migration20261130181905 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "${this.config.get('schema')}"."feed_cursor" ("source" varchar(64) not null, "seq" bigint not null, "updated_at" varchar(30) not null, constraint "feed_cursor_pkey" primary key ("source"));`);

    this.addSql(`create table "${this.config.get('schema')}"."registry_organization" ("uscc" varchar(18) not null, "region_code" varchar(6) not null, "kind" varchar(32) not null, "level" varchar(32) not null, "classified" boolean not null, "official_count" int not null, constraint "registry_organization_pkey" primary key ("uscc"));`);
    this.addSql(`create index "registry_organization_region_code_classified_index" on "${this.config.get('schema')}"."registry_organization" ("region_code", "classified");`);

    this.addSql(`create table "${this.config.get('schema')}"."registry_mirror_state" ("key" varchar(64) not null, "value" text not null, constraint "registry_mirror_state_pkey" primary key ("key"));`);
  }

  override async down(): Promise<void> {
    // Migrations never drop tables (see README, Deploying at scale); nothing to undo here.
  }
}
