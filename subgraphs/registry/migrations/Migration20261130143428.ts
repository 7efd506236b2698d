import { Migration } from '@mikro-orm/migrations';

export class Migration20261130143428 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "${this.config.get('schema')}"."audit_entry" ("id" serial primary key, "at" varchar(30) not null, "request_id" varchar(64) not null, "caller_id" varchar(255) not null, "roles" varchar(255) not null, "operation_type" varchar(16) not null, "operation_name" varchar(255) null, "query_hash" varchar(64) not null, "variables" jsonb not null, "personal_fields" jsonb not null, "outcome" varchar(255) not null);`);
  }

}
