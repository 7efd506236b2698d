import { Migration } from '@mikro-orm/migrations';

export class Migration20261202012726 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "credit_exchange"."exchange_record" drop constraint "exchange_record_batch_id_fkey";`);

    this.addSql(`alter table "bench_exchange"."exchange_record" drop constraint "exchange_record_batch_id_fkey";`);

    this.addSql(`create index "exchange_outbox_channel_kind_status_index" on "${this.config.get('schema')}"."exchange_outbox" ("channel", "kind", "status");`);
  }

  override async down(): Promise<void> {
    this.addSql(`create schema if not exists "credit_exchange";`);
    this.addSql(`create schema if not exists "bench_exchange";`);
    this.addSql(`create table "credit_exchange"."exchange_batch" ("batch_id" text not null, "sender" text not null, "record_count" int4 not null, "written_at" timestamptz(6) not null default now(), constraint "exchange_batch_pkey" primary key ("batch_id"));`);

    this.addSql(`create table "bench_exchange"."exchange_batch" ("batch_id" text not null, "sender" text not null, "record_count" int4 not null, "written_at" timestamptz(6) not null default now(), constraint "exchange_batch_pkey" primary key ("batch_id"));`);

    this.addSql(`create table "bench_exchange"."exchange_receipt" ("batch_id" text not null, "record_key" text not null, "version" int4 not null, "status" text check ("status" in ('ACCEPTED', 'REFUSED')) not null, "reason" text null, "received_at" timestamptz(6) not null default now(), constraint "exchange_receipt_pkey" primary key ("batch_id", "record_key", "version"));`);

    this.addSql(`create table "credit_exchange"."exchange_receipt" ("batch_id" text not null, "record_key" text not null, "version" int4 not null, "status" text check ("status" in ('ACCEPTED', 'REFUSED')) not null, "reason" text null, "received_at" timestamptz(6) not null default now(), constraint "exchange_receipt_pkey" primary key ("batch_id", "record_key", "version"));`);

    this.addSql(`create table "bench_exchange"."exchange_record" ("batch_id" text not null, "record_key" text not null, "version" int4 not null, "kind" text not null, "item_code" text not null, "record_id" text not null, "op" text check ("op" in ('UPSERT', 'DELETE')) not null, "catalogue" text not null, "changed_at" timestamptz(6) not null, "data" jsonb null, constraint "exchange_record_pkey" primary key ("batch_id", "record_key", "version"));`);
    this.addSql(`create index "exchange_record_key" on "bench_exchange"."exchange_record" ("record_key", "version");`);

    this.addSql(`create table "credit_exchange"."exchange_record" ("batch_id" text not null, "record_key" text not null, "version" int4 not null, "kind" text not null, "item_code" text not null, "record_id" text not null, "op" text check ("op" in ('UPSERT', 'DELETE')) not null, "catalogue" text not null, "changed_at" timestamptz(6) not null, "data" jsonb null, constraint "exchange_record_pkey" primary key ("batch_id", "record_key", "version"));`);
    this.addSql(`create index "exchange_record_key" on "credit_exchange"."exchange_record" ("record_key", "version");`);

    this.addSql(`alter table "bench_exchange"."exchange_record" add constraint "exchange_record_batch_id_fkey" foreign key ("batch_id") references "bench_exchange"."exchange_batch" ("batch_id") on update no action on delete no action;`);

    this.addSql(`alter table "credit_exchange"."exchange_record" add constraint "exchange_record_batch_id_fkey" foreign key ("batch_id") references "credit_exchange"."exchange_batch" ("batch_id") on update no action on delete no action;`);

    this.addSql(`drop index "${this.config.get('schema')}"."exchange_outbox_channel_kind_status_index";`);
  }

}
