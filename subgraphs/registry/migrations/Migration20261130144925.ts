import { Migration } from '@mikro-orm/migrations';

export class Migration20261130144925 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "${this.config.get('schema')}"."change_feed" ("seq" serial primary key, "at" varchar(30) not null, "entity" varchar(64) not null, "operation" varchar(16) not null, "ids" jsonb not null, "organizations" jsonb not null, "officials" jsonb not null, "regions" jsonb not null);`);
    this.addSql(`create index "change_feed_at_index" on "${this.config.get('schema')}"."change_feed" ("at");`);
  }

}
