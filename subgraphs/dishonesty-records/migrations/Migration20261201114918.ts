import { Migration } from '@mikro-orm/migrations';

export class Migration20261201114918 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "${this.config.get('schema')}";`);
    this.addSql(`create table "${this.config.get('schema')}"."audit_entry" ("id" serial primary key, "at" varchar(30) not null, "request_id" varchar(64) not null, "caller_id" varchar(255) not null, "roles" varchar(255) not null, "operation_type" varchar(16) not null, "operation_name" varchar(255) null, "query_hash" varchar(64) not null, "variables" jsonb not null, "personal_fields" jsonb not null, "outcome" varchar(255) not null);`);

    this.addSql(`create table "${this.config.get('schema')}"."change_feed" ("seq" serial primary key, "at" varchar(30) not null, "entity" varchar(64) not null, "operation" varchar(16) not null, "ids" jsonb not null, "organizations" jsonb not null, "officials" jsonb not null, "regions" jsonb not null);`);
    this.addSql(`create index "change_feed_at_index" on "${this.config.get('schema')}"."change_feed" ("at");`);

    this.addSql(`create table "${this.config.get('schema')}"."dishonesty_record" ("id" varchar(36) not null, "kind" varchar(32) not null, "subject_type" varchar(16) not null, "organization_uscc" varchar(18) not null, "organization_name" varchar(200) not null, "region_code" varchar(6) not null, "official_id" varchar(32) null, "official_name" varchar(50) null, "authority_uscc" varchar(18) not null, "authority_name" varchar(100) not null, "document_number" varchar(64) not null, "decision_date" varchar(10) not null, "facts" text not null, "legal_basis" text not null, "severity" varchar(16) not null, "sanction_term_months" int null, "sanction_end_date" varchar(10) null, "publication" varchar(16) not null, "published_at" varchar(10) null, "source_digest" varchar(64) not null, "imported_by" varchar(200) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "dishonesty_record_pkey" primary key ("id"));`);
    this.addSql(`create index "dishonesty_record_decision_date_id_index" on "${this.config.get('schema')}"."dishonesty_record" ("decision_date", "id");`);
    this.addSql(`create index "dishonesty_record_region_code_kind_index" on "${this.config.get('schema')}"."dishonesty_record" ("region_code", "kind");`);
    this.addSql(`create index "dishonesty_record_official_id_index" on "${this.config.get('schema')}"."dishonesty_record" ("official_id");`);
    this.addSql(`create index "dishonesty_record_organization_uscc_index" on "${this.config.get('schema')}"."dishonesty_record" ("organization_uscc");`);
    this.addSql(`alter table "${this.config.get('schema')}"."dishonesty_record" add constraint "dishonesty_record_authority_uscc_document_number_unique" unique ("authority_uscc", "document_number");`);

    this.addSql(`create table "${this.config.get('schema')}"."feed_cursor" ("source" varchar(64) not null, "seq" bigint not null, "updated_at" varchar(30) not null, constraint "feed_cursor_pkey" primary key ("source"));`);

    this.addSql(`create table "${this.config.get('schema')}"."registry_organization" ("uscc" varchar(18) not null, "region_code" varchar(6) not null, "kind" varchar(32) not null, "level" varchar(32) not null, "classified" boolean not null, "official_count" int not null, constraint "registry_organization_pkey" primary key ("uscc"));`);
    this.addSql(`create index "registry_organization_region_code_classified_index" on "${this.config.get('schema')}"."registry_organization" ("region_code", "classified");`);

    this.addSql(`create table "${this.config.get('schema')}"."registry_mirror_state" ("key" varchar(64) not null, "value" text not null, constraint "registry_mirror_state_pkey" primary key ("key"));`);
  }

}
