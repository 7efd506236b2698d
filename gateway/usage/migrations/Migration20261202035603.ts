import { Migration } from '@mikro-orm/migrations';

export class Migration20261202035603 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "${this.config.get('schema')}";`);
    this.addSql(`create table "${this.config.get('schema')}"."operation_usage" ("query_hash" varchar(64) not null, "client_name" varchar(64) not null, "operation_name" varchar(200) null, "operation_type" varchar(16) not null, "document" text not null, "count" bigint not null, "first_seen" varchar(30) not null, "last_seen" varchar(30) not null, constraint "operation_usage_pkey" primary key ("query_hash", "client_name"));`);
    this.addSql(`create index "operation_usage_last_seen_index" on "${this.config.get('schema')}"."operation_usage" ("last_seen");`);
  }

}
