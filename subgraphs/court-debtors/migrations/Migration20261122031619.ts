import { Migration } from '@mikro-orm/migrations';

export class Migration20261122031619 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "${this.config.get('schema')}";`);
    this.addSql(`create table "${this.config.get('schema')}"."credit_repair" ("id" varchar(36) not null, "case_number" varchar(64) not null, "applied_by" text not null, "measures" text not null, "evidence" text null, "applied_at" varchar(10) not null, "status" varchar(16) not null default 'PENDING', "decided_at" varchar(10) null, "decided_by" text null, "decision_note" text null, constraint "credit_repair_pkey" primary key ("id"));`);
    this.addSql(`create index "credit_repair_case_number_index" on "${this.config.get('schema')}"."credit_repair" ("case_number");`);

    this.addSql(`create table "${this.config.get('schema')}"."debtor_objection" ("id" varchar(36) not null, "case_number" varchar(64) not null, "filed_by_role" varchar(16) not null, "filer_uscc" varchar(18) null, "filed_by" text not null, "reason" text not null, "filed_at" varchar(10) not null, "status" varchar(16) not null default 'PENDING', "decided_at" varchar(10) null, "decided_by" text null, "decision_note" text null, constraint "debtor_objection_pkey" primary key ("id"));`);
    this.addSql(`create index "debtor_objection_case_number_index" on "${this.config.get('schema')}"."debtor_objection" ("case_number");`);

    this.addSql(`create table "${this.config.get('schema')}"."debtor_record" ("case_number" varchar(64) not null, "case_number_form" varchar(16) not null, "case_year" int not null, "court" varchar(100) not null, "province" varchar(20) not null, "debtor_name" varchar(200) not null, "debtor_uscc" varchar(18) not null, "uscc_check_passed" boolean not null, "debtor_type" varchar(32) not null, "region_code" varchar(6) not null, "legal_representative" varchar(50) null, "basis_document_number" varchar(200) not null, "basis_issuer" varchar(100) not null, "obligation" text not null, "performance" varchar(20) not null, "performed_part" text null, "unperformed_part" text null, "performed_fen" bigint null, "unperformed_fen" bigint null, "dishonest_behaviours" jsonb not null, "dishonest_behaviour_text" text not null, "filing_date" varchar(10) not null, "publish_date" varchar(10) not null, "listing_term_end" varchar(10) null, "status" varchar(20) not null default 'ACTIVE', "exit_reason" varchar(24) null, "exited_at" varchar(10) null, "repaired_at" varchar(10) null, "history" jsonb not null, "source_digest" varchar(64) not null, "updated_at" timestamptz not null, constraint "debtor_record_pkey" primary key ("case_number"));`);
    this.addSql(`create index "debtor_record_court_index" on "${this.config.get('schema')}"."debtor_record" ("court");`);
    this.addSql(`create index "debtor_record_publish_date_index" on "${this.config.get('schema')}"."debtor_record" ("publish_date");`);
    this.addSql(`create index "debtor_record_debtor_uscc_index" on "${this.config.get('schema')}"."debtor_record" ("debtor_uscc");`);
    this.addSql(`create index "debtor_record_region_code_status_index" on "${this.config.get('schema')}"."debtor_record" ("region_code", "status");`);

    this.addSql(`create table "${this.config.get('schema')}"."pending_case" ("case_number" varchar(64) not null, "court" varchar(100) not null, "debtor_name" varchar(200) not null, "debtor_uscc" varchar(18) not null, "uscc_check_passed" boolean not null, "debtor_type" varchar(32) not null, "region_code" varchar(6) not null, "obligation" text not null, "amount_fen" bigint null, "filing_date" varchar(10) not null, "reported_at" varchar(10) not null, "status" varchar(16) not null default 'PENDING', "closed_at" varchar(10) null, "source_digest" varchar(64) not null, "updated_at" timestamptz not null, constraint "pending_case_pkey" primary key ("case_number"));`);
    this.addSql(`create index "pending_case_debtor_uscc_status_index" on "${this.config.get('schema')}"."pending_case" ("debtor_uscc", "status");`);
    this.addSql(`create index "pending_case_region_code_status_index" on "${this.config.get('schema')}"."pending_case" ("region_code", "status");`);

    this.addSql(`create table "${this.config.get('schema')}"."push_action" ("id" varchar(36) not null, "case_number" varchar(64) not null, "kind" varchar(16) not null, "unit" varchar(100) not null, "acted_at" varchar(10) not null, "note" text null, "feedback" text null, "feedback_at" varchar(10) null, "recorded_by" text not null, "created_at" timestamptz not null, constraint "push_action_pkey" primary key ("id"));`);
    this.addSql(`create index "push_action_case_number_index" on "${this.config.get('schema')}"."push_action" ("case_number");`);
  }

}
