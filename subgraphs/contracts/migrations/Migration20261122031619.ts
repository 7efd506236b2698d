import { Migration } from '@mikro-orm/migrations';

export class Migration20261122031619 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "${this.config.get('schema')}";`);
    this.addSql(`create table "${this.config.get('schema')}"."contract" ("id" varchar(64) not null, "ocid" varchar(128) null, "contract_number" varchar(100) not null, "title" varchar(300) not null, "kind" varchar(32) not null, "government_uscc" varchar(18) not null, "government_party_name" varchar(200) not null, "region_code" varchar(6) not null, "counterparties" jsonb not null, "value_fen" bigint not null, "date_signed" varchar(10) null, "period_start" varchar(10) null, "period_end" varchar(10) null, "status" varchar(16) not null, "status_details" text null, "ppp_stage" varchar(16) null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "contract_pkey" primary key ("id"));`);
    this.addSql(`create index "contract_date_signed_index" on "${this.config.get('schema')}"."contract" ("date_signed");`);
    this.addSql(`create index "contract_status_index" on "${this.config.get('schema')}"."contract" ("status");`);
    this.addSql(`create index "contract_region_code_kind_index" on "${this.config.get('schema')}"."contract" ("region_code", "kind");`);
    this.addSql(`create index "contract_government_uscc_id_index" on "${this.config.get('schema')}"."contract" ("government_uscc", "id");`);

    this.addSql(`create table "${this.config.get('schema')}"."contract_amendment" ("id" varchar(120) not null, "contract_id" varchar(64) not null, "local_id" varchar(48) not null, "date" varchar(10) not null, "rationale" text not null, "description" text null, "amended_by" varchar(200) not null, "recorded_by" varchar(100) not null, "changes" jsonb not null, "created_at" timestamptz not null, constraint "contract_amendment_pkey" primary key ("id"));`);
    this.addSql(`create index "contract_amendment_contract_id_index" on "${this.config.get('schema')}"."contract_amendment" ("contract_id");`);

    this.addSql(`create table "${this.config.get('schema')}"."contract_breach" ("id" varchar(120) not null, "contract_id" varchar(64) not null, "local_id" varchar(48) not null, "date" varchar(10) not null, "party" varchar(16) not null, "description" text not null, "remedied" boolean not null default false, "remedied_at" varchar(10) null, "remedy_note" text null, "updated_at" timestamptz not null, constraint "contract_breach_pkey" primary key ("id"));`);
    this.addSql(`create index "contract_breach_contract_id_index" on "${this.config.get('schema')}"."contract_breach" ("contract_id");`);

    this.addSql(`create table "${this.config.get('schema')}"."contract_complaint" ("id" varchar(36) not null, "category" varchar(24) not null, "complainant_name" varchar(200) not null, "complainant_uscc" varchar(18) not null, "contact_name" varchar(50) null, "contact_phone_sealed" text null, "organization_uscc" varchar(18) not null, "region_code" varchar(6) not null, "contract_id" varchar(64) null, "channel" varchar(20) not null, "received_at" varchar(10) not null, "due_date" varchar(10) not null, "content" text not null, "status" varchar(16) not null default 'RECEIVED', "substantiated" boolean null, "resolution" text null, "closed_at" varchar(10) null, "updated_at" timestamptz not null, constraint "contract_complaint_pkey" primary key ("id"));`);
    this.addSql(`create index "contract_complaint_organization_uscc_index" on "${this.config.get('schema')}"."contract_complaint" ("organization_uscc");`);
    this.addSql(`create index "contract_complaint_contract_id_index" on "${this.config.get('schema')}"."contract_complaint" ("contract_id");`);
    this.addSql(`create index "contract_complaint_status_index" on "${this.config.get('schema')}"."contract_complaint" ("status");`);
    this.addSql(`create index "contract_complaint_region_code_received_at_index" on "${this.config.get('schema')}"."contract_complaint" ("region_code", "received_at");`);

    this.addSql(`create table "${this.config.get('schema')}"."contract_complaint_action" ("id" varchar(36) not null, "complaint_id" varchar(36) not null, "seq" int not null, "kind" varchar(16) not null, "date" varchar(10) not null, "by" varchar(100) not null, "note" text null, "authority" varchar(200) null, "recorded_at" timestamptz not null, constraint "contract_complaint_action_pkey" primary key ("id"));`);
    this.addSql(`create index "contract_complaint_action_complaint_id_index" on "${this.config.get('schema')}"."contract_complaint_action" ("complaint_id");`);
    this.addSql(`alter table "${this.config.get('schema')}"."contract_complaint_action" add constraint "contract_complaint_action_complaint_id_seq_unique" unique ("complaint_id", "seq");`);

    this.addSql(`create table "${this.config.get('schema')}"."contract_milestone" ("id" varchar(120) not null, "contract_id" varchar(64) not null, "local_id" varchar(48) not null, "title" varchar(300) not null, "type" varchar(20) not null, "due_date" varchar(10) not null, "amount_fen" bigint null, "paid_fen" bigint not null default 0, "status" varchar(16) not null, "date_met" varchar(10) null, "updated_at" timestamptz not null, constraint "contract_milestone_pkey" primary key ("id"));`);
    this.addSql(`create index "contract_milestone_contract_id_due_date_index" on "${this.config.get('schema')}"."contract_milestone" ("contract_id", "due_date");`);

    this.addSql(`create table "${this.config.get('schema')}"."contract_payment" ("id" varchar(120) not null, "contract_id" varchar(64) not null, "local_id" varchar(48) not null, "date" varchar(10) not null, "amount_fen" bigint not null, "payer_name" varchar(200) not null, "payer_uscc" varchar(18) null, "payee_name" varchar(200) not null, "payee_uscc" varchar(18) null, "milestone_id" varchar(120) null, "created_at" timestamptz not null, constraint "contract_payment_pkey" primary key ("id"));`);
    this.addSql(`create index "contract_payment_contract_id_index" on "${this.config.get('schema')}"."contract_payment" ("contract_id");`);
    this.addSql(`create index "contract_payment_milestone_id_index" on "${this.config.get('schema')}"."contract_payment" ("milestone_id");`);

    this.addSql(`create table "${this.config.get('schema')}"."ppp_responsibility" ("id" varchar(36) not null, "contract_id" varchar(64) not null, "official_id" varchar(32) not null, "stage" varchar(16) not null, "since" varchar(10) not null, "until" varchar(10) null, "recorded_by" varchar(100) not null, constraint "ppp_responsibility_pkey" primary key ("id"));`);
    this.addSql(`create index "ppp_responsibility_contract_id_index" on "${this.config.get('schema')}"."ppp_responsibility" ("contract_id");`);
    this.addSql(`create index "ppp_responsibility_official_id_index" on "${this.config.get('schema')}"."ppp_responsibility" ("official_id");`);
  }

}
