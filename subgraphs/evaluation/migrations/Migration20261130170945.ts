import { Migration } from '@mikro-orm/migrations';

export class Migration20261130170945 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "${this.config.get('schema')}";`);
    this.addSql(`create table "${this.config.get('schema')}"."assessment_change" ("id" serial primary key, "uscc" varchar(18) not null, "at" varchar(30) not null, "score_tenths_before" int null, "score_tenths_after" int not null, "grade_before" varchar(1) null, "grade_after" varchar(1) not null, "deductions_added" jsonb not null, "deductions_removed" jsonb not null, "warnings_raised" jsonb not null, "warnings_cleared" jsonb not null, "rule_set_id" varchar(32) not null, "causes" jsonb not null);`);
    this.addSql(`create index "assessment_change_uscc_id_index" on "${this.config.get('schema')}"."assessment_change" ("uscc", "id");`);

    this.addSql(`create table "${this.config.get('schema')}"."audit_entry" ("id" serial primary key, "at" varchar(30) not null, "request_id" varchar(64) not null, "caller_id" varchar(255) not null, "roles" varchar(255) not null, "operation_type" varchar(16) not null, "operation_name" varchar(255) null, "query_hash" varchar(64) not null, "variables" jsonb not null, "personal_fields" jsonb not null, "outcome" varchar(255) not null);`);

    this.addSql(`create table "${this.config.get('schema')}"."change_feed" ("seq" serial primary key, "at" varchar(30) not null, "entity" varchar(64) not null, "operation" varchar(16) not null, "ids" jsonb not null, "organizations" jsonb not null, "officials" jsonb not null, "regions" jsonb not null);`);
    this.addSql(`create index "change_feed_at_index" on "${this.config.get('schema')}"."change_feed" ("at");`);

    this.addSql(`create table "${this.config.get('schema')}"."feed_cursor" ("source" varchar(64) not null, "seq" bigint not null, "updated_at" varchar(30) not null, constraint "feed_cursor_pkey" primary key ("source"));`);

    this.addSql(`create table "${this.config.get('schema')}"."read_model_state" ("key" varchar(64) not null, "value" text not null, constraint "read_model_state_pkey" primary key ("key"));`);

    this.addSql(`create table "${this.config.get('schema')}"."region_figure" ("region_code" varchar(6) not null, "organizations" int not null default 0, "score_tenths_sum" bigint not null default 0, "grade_a" int not null default 0, "grade_b" int not null default 0, "grade_c" int not null default 0, "grade_d" int not null default 0, "warnings_red" int not null default 0, "warnings_orange" int not null default 0, "warnings_yellow" int not null default 0, constraint "region_figure_pkey" primary key ("region_code"));`);

    this.addSql(`create table "${this.config.get('schema')}"."assessment" ("uscc" varchar(18) not null, "region_code" varchar(6) not null, "city_code" varchar(6) not null, "province_code" varchar(6) not null, "kind" varchar(32) not null, "level" varchar(32) not null, "listed" boolean not null, "score_tenths" int not null, "sort_key" int not null, "grade" varchar(1) not null, "deductions" jsonb not null, "warnings" jsonb not null, "warning_count" int not null, "rule_set_id" varchar(32) not null, "rule_set_version" int not null, "assessed_on" varchar(10) not null, "inputs_as_of" bigint not null, "causes" jsonb not null, "updated_at" varchar(30) not null, constraint "assessment_pkey" primary key ("uscc"));`);
    this.addSql(`create index "assessment_listed_region_code_sort_key_uscc_index" on "${this.config.get('schema')}"."assessment" ("listed", "region_code", "sort_key", "uscc");`);
    this.addSql(`create index "assessment_listed_city_code_sort_key_uscc_index" on "${this.config.get('schema')}"."assessment" ("listed", "city_code", "sort_key", "uscc");`);
    this.addSql(`create index "assessment_listed_province_code_sort_key_uscc_index" on "${this.config.get('schema')}"."assessment" ("listed", "province_code", "sort_key", "uscc");`);

    this.addSql(`create table "${this.config.get('schema')}"."assessment_warning" ("uscc" varchar(18) not null, "kind" varchar(64) not null, "region_code" varchar(6) not null, "city_code" varchar(6) not null, "province_code" varchar(6) not null, "level_rank" int not null, "level" varchar(16) not null, "domain" varchar(32) not null, "since" varchar(10) not null, "message" text not null, "sources" jsonb not null, constraint "assessment_warning_pkey" primary key ("uscc", "kind"));`);
    this.addSql(`create index "assessment_warning_region_code_level_rank_since_uscc_kind_index" on "${this.config.get('schema')}"."assessment_warning" ("region_code", "level_rank", "since", "uscc", "kind");`);
    this.addSql(`create index "assessment_warning_city_code_level_rank_since_uscc_kind_index" on "${this.config.get('schema')}"."assessment_warning" ("city_code", "level_rank", "since", "uscc", "kind");`);
    this.addSql(`create index "assessment_warning_province_code_level_rank_since__c00f2_index" on "${this.config.get('schema')}"."assessment_warning" ("province_code", "level_rank", "since", "uscc", "kind");`);
  }

}
