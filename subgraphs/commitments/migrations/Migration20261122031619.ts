import { Migration } from '@mikro-orm/migrations';

export class Migration20261122031619 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "${this.config.get('schema')}";`);
    this.addSql(`create table "${this.config.get('schema')}"."commitment_complaint" ("id" varchar(36) not null, "organization_uscc" varchar(18) not null, "region_code" varchar(6) not null, "letter_id" varchar(36) null, "channel" varchar(20) not null, "received_at" varchar(10) not null, "content" text not null, "complainant_name" varchar(255) null, "contact_sealed" text null, "transferred_to" varchar(255) null, "status" varchar(16) not null default 'RECEIVED', "resolution" text null, "resolved_at" varchar(10) null, "due_date" varchar(10) not null, "history" jsonb not null, "updated_at" timestamptz not null, constraint "commitment_complaint_pkey" primary key ("id"));`);
    this.addSql(`create index "commitment_complaint_organization_uscc_index" on "${this.config.get('schema')}"."commitment_complaint" ("organization_uscc");`);
    this.addSql(`create index "commitment_complaint_status_index" on "${this.config.get('schema')}"."commitment_complaint" ("status");`);
    this.addSql(`create index "commitment_complaint_region_code_received_at_index" on "${this.config.get('schema')}"."commitment_complaint" ("region_code", "received_at");`);

    this.addSql(`create table "${this.config.get('schema')}"."commitment_item" ("id" varchar(36) not null, "letter_id" varchar(36) not null, "number" int not null, "category" varchar(32) not null, "content" text not null, "due_date" varchar(10) not null, "fulfilment" varchar(20) not null default 'NOT_DUE', "evidence" text null, "last_reviewed_at" varchar(10) null, "change_reason" text null, "change_compensation" text null, "changed_at" varchar(10) null, "updated_at" timestamptz not null, constraint "commitment_item_pkey" primary key ("id"));`);
    this.addSql(`create index "commitment_item_letter_id_index" on "${this.config.get('schema')}"."commitment_item" ("letter_id");`);

    this.addSql(`create table "${this.config.get('schema')}"."commitment_letter" ("id" varchar(36) not null, "organization_uscc" varchar(18) not null, "region_code" varchar(6) not null, "year" int not null, "letter_number" varchar(255) not null, "liability" text not null, "issuer" varchar(255) null, "signed_at" varchar(10) null, "complaint_phone" varchar(255) not null, "complaint_email" varchar(255) not null, "publication_channels" jsonb not null, "status" varchar(16) not null default 'DRAFT', "published_at" varchar(10) null, "withdrawn_reason" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "commitment_letter_pkey" primary key ("id"));`);
    this.addSql(`create index "commitment_letter_status_index" on "${this.config.get('schema')}"."commitment_letter" ("status");`);
    this.addSql(`create index "commitment_letter_region_code_year_status_index" on "${this.config.get('schema')}"."commitment_letter" ("region_code", "year", "status");`);
    this.addSql(`create index "commitment_letter_organization_uscc_year_index" on "${this.config.get('schema')}"."commitment_letter" ("organization_uscc", "year");`);

    this.addSql(`create table "${this.config.get('schema')}"."official_commitment" ("id" varchar(36) not null, "official_id" varchar(32) not null, "type" varchar(255) not null, "date" varchar(10) not null, "accepting_unit_name" varchar(255) not null, "accepting_unit_uscc" varchar(18) not null, "reason" text not null, "content" text not null, "liability" text not null, "fulfilment_status" varchar(255) not null, "commitment_status" varchar(255) not null, "remarks" text null, "letter_number" varchar(255) not null, "created_at" timestamptz not null, constraint "official_commitment_pkey" primary key ("id"));`);
    this.addSql(`create index "official_commitment_official_id_index" on "${this.config.get('schema')}"."official_commitment" ("official_id");`);
    this.addSql(`create index "official_commitment_accepting_unit_uscc_index" on "${this.config.get('schema')}"."official_commitment" ("accepting_unit_uscc");`);
    this.addSql(`create index "official_commitment_letter_number_index" on "${this.config.get('schema')}"."official_commitment" ("letter_number");`);
  }

}
