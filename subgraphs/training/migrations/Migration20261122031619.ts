import { Migration } from '@mikro-orm/migrations';

export class Migration20261122031619 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "${this.config.get('schema')}";`);
    this.addSql(`create table "${this.config.get('schema')}"."annual_assessment" ("id" varchar(36) not null, "official_id" varchar(32) not null, "year" int not null, "result" varchar(24) not null, "organization_uscc" varchar(18) not null, "source" varchar(200) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "annual_assessment_pkey" primary key ("id"));`);
    this.addSql(`create index "annual_assessment_organization_uscc_index" on "${this.config.get('schema')}"."annual_assessment" ("organization_uscc");`);
    this.addSql(`alter table "${this.config.get('schema')}"."annual_assessment" add constraint "annual_assessment_official_id_year_unique" unique ("official_id", "year");`);

    this.addSql(`create table "${this.config.get('schema')}"."integrity_record" ("id" varchar(36) not null, "official_id" varchar(32) not null, "kind" varchar(32) not null, "date" varchar(10) not null, "description" text not null, "source" varchar(200) not null, "reference" varchar(100) not null, "organization_uscc" varchar(18) null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "integrity_record_pkey" primary key ("id"));`);
    this.addSql(`alter table "${this.config.get('schema')}"."integrity_record" add constraint "integrity_record_official_id_kind_reference_unique" unique ("official_id", "kind", "reference");`);

    this.addSql(`create table "${this.config.get('schema')}"."training_attendance" ("id" varchar(36) not null, "session_id" varchar(36) not null, "official_id" varchar(32) not null, "organization_uscc" varchar(18) not null, "year" int not null, "counts_for_coverage" boolean not null, "hours" double precision not null, "passed" boolean not null, "score" double precision null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "training_attendance_pkey" primary key ("id"));`);
    this.addSql(`create index "training_attendance_official_id_year_index" on "${this.config.get('schema')}"."training_attendance" ("official_id", "year");`);
    this.addSql(`create index "training_attendance_organization_uscc_year_index" on "${this.config.get('schema')}"."training_attendance" ("organization_uscc", "year");`);
    this.addSql(`alter table "${this.config.get('schema')}"."training_attendance" add constraint "training_attendance_session_id_official_id_unique" unique ("session_id", "official_id");`);

    this.addSql(`create table "${this.config.get('schema')}"."training_plan" ("id" varchar(36) not null, "organization_uscc" varchar(18) not null, "region_code" varchar(6) not null, "year" int not null, "planned_sessions" int not null, "target_participants" int not null, "topics" jsonb not null, "notes" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "training_plan_pkey" primary key ("id"));`);
    this.addSql(`create index "training_plan_region_code_year_index" on "${this.config.get('schema')}"."training_plan" ("region_code", "year");`);
    this.addSql(`alter table "${this.config.get('schema')}"."training_plan" add constraint "training_plan_organization_uscc_year_unique" unique ("organization_uscc", "year");`);

    this.addSql(`create table "${this.config.get('schema')}"."training_session" ("id" varchar(36) not null, "title" varchar(200) not null, "organizing_unit_uscc" varchar(18) not null, "region_code" varchar(6) not null, "date" varchar(10) not null, "year" int not null, "hours" double precision not null, "form" varchar(16) not null, "topic_list" varchar(100) not null, "counts_for_coverage" boolean not null, "course_type" varchar(16) not null, "description" text null, "cancelled_at" varchar(10) null, "cancel_reason" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "training_session_pkey" primary key ("id"));`);
    this.addSql(`create index "training_session_region_code_year_index" on "${this.config.get('schema')}"."training_session" ("region_code", "year");`);
    this.addSql(`create index "training_session_organizing_unit_uscc_year_index" on "${this.config.get('schema')}"."training_session" ("organizing_unit_uscc", "year");`);
  }

}
