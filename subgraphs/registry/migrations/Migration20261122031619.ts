import { Migration } from '@mikro-orm/migrations';

export class Migration20261122031619 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "${this.config.get('schema')}";`);
    this.addSql(`create table "${this.config.get('schema')}"."official" ("id" varchar(32) not null, "name" varchar(255) not null, "id_number_sealed" text not null, "phone_sealed" text null, "organization_uscc" varchar(18) not null, "position" varchar(255) not null, "updated_at" timestamptz not null, constraint "official_pkey" primary key ("id"));`);
    this.addSql(`create index "official_organization_uscc_index" on "${this.config.get('schema')}"."official" ("organization_uscc");`);

    this.addSql(`create table "${this.config.get('schema')}"."organization" ("uscc" varchar(18) not null, "name" varchar(255) not null, "kind" varchar(32) not null, "level" varchar(32) not null, "region_code" varchar(6) not null, "parent_uscc" varchar(18) null, "classified" boolean not null, "uscc_check_passed" boolean not null, "updated_at" timestamptz not null, constraint "organization_pkey" primary key ("uscc"));`);
    this.addSql(`create index "organization_name_index" on "${this.config.get('schema')}"."organization" ("name");`);
    this.addSql(`create index "organization_kind_index" on "${this.config.get('schema')}"."organization" ("kind");`);
    this.addSql(`create index "organization_region_code_index" on "${this.config.get('schema')}"."organization" ("region_code");`);
    this.addSql(`create index "organization_parent_uscc_index" on "${this.config.get('schema')}"."organization" ("parent_uscc");`);

    this.addSql(`create table "${this.config.get('schema')}"."region" ("code" varchar(6) not null, "name" varchar(255) not null, "level" varchar(32) not null, "parent_code" varchar(6) null, constraint "region_pkey" primary key ("code"));`);
    this.addSql(`create index "region_parent_code_index" on "${this.config.get('schema')}"."region" ("parent_code");`);
  }

}
