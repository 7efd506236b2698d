import { Migration } from '@mikro-orm/migrations';

export class Migration20261202020152 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "${this.config.get('schema')}";`);
    this.addSql(`create table "${this.config.get('schema')}"."audit_entry" ("id" serial primary key, "at" varchar(30) not null, "request_id" varchar(64) not null, "caller_id" varchar(255) not null, "roles" varchar(255) not null, "operation_type" varchar(16) not null, "operation_name" varchar(255) null, "query_hash" varchar(64) not null, "variables" jsonb not null, "personal_fields" jsonb not null, "outcome" varchar(255) not null);`);

    this.addSql(`create table "${this.config.get('schema')}"."change_feed" ("seq" serial primary key, "at" varchar(30) not null, "entity" varchar(64) not null, "operation" varchar(16) not null, "ids" jsonb not null, "organizations" jsonb not null, "officials" jsonb not null, "regions" jsonb not null);`);
    this.addSql(`create index "change_feed_at_index" on "${this.config.get('schema')}"."change_feed" ("at");`);

    this.addSql(`create table "${this.config.get('schema')}"."delivery_batch" ("id" varchar(64) not null, "channel" varchar(32) not null, "status" varchar(16) not null default 'SENDING', "records" int not null, "accepted" int not null default 0, "refused" int not null default 0, "attempts" int not null default 0, "created_at" varchar(30) not null, "sent_at" varchar(30) null, "settled_at" varchar(30) null, "last_error" text null, constraint "delivery_batch_pkey" primary key ("id"));`);
    this.addSql(`create index "delivery_batch_channel_status_index" on "${this.config.get('schema')}"."delivery_batch" ("channel", "status");`);

    this.addSql(`create table "${this.config.get('schema')}"."exchange_state" ("key" varchar(64) not null, "value" text not null, constraint "exchange_state_pkey" primary key ("key"));`);

    this.addSql(`create table "${this.config.get('schema')}"."exported_record" ("key" varchar(255) not null, "kind" varchar(64) not null, "record_id" varchar(200) not null, "scope" varchar(64) not null, "version" int not null, "op" varchar(8) not null, "digest" varchar(64) not null, "data" text null, "changed_at" varchar(30) not null, "cause" varchar(128) not null, constraint "exported_record_pkey" primary key ("key"));`);
    this.addSql(`create index "exported_record_changed_at_index" on "${this.config.get('schema')}"."exported_record" ("changed_at");`);
    this.addSql(`create index "exported_record_scope_kind_index" on "${this.config.get('schema')}"."exported_record" ("scope", "kind");`);

    this.addSql(`create table "${this.config.get('schema')}"."feed_cursor" ("source" varchar(64) not null, "seq" bigint not null, "updated_at" varchar(30) not null, constraint "feed_cursor_pkey" primary key ("source"));`);

    this.addSql(`create table "${this.config.get('schema')}"."exchange_outbox" ("id" serial primary key, "channel" varchar(32) not null, "record_key" varchar(255) not null, "kind" varchar(64) not null, "item_code" varchar(64) not null, "record_id" varchar(200) not null, "version" int not null, "op" varchar(8) not null, "data" text null, "catalogue" varchar(80) not null, "changed_at" varchar(30) not null, "status" varchar(16) not null default 'PENDING', "batch_id" varchar(64) null, "reason" text null, "updated_at" varchar(30) not null);`);
    this.addSql(`create index "exchange_outbox_channel_kind_status_index" on "${this.config.get('schema')}"."exchange_outbox" ("channel", "kind", "status");`);
    this.addSql(`create index "exchange_outbox_record_key_index" on "${this.config.get('schema')}"."exchange_outbox" ("record_key");`);
    this.addSql(`create index "exchange_outbox_batch_id_index" on "${this.config.get('schema')}"."exchange_outbox" ("batch_id");`);
    this.addSql(`create index "exchange_outbox_channel_status_id_index" on "${this.config.get('schema')}"."exchange_outbox" ("channel", "status", "id");`);
  }

}
