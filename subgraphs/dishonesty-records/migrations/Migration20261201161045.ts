import { Migration } from '@mikro-orm/migrations';

export class Migration20261201161045 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "${this.config.get('schema')}"."applied_sanction" ("id" varchar(36) not null, "record_id" varchar(36) not null, "measure_id" varchar(64) not null, "measure_zh" varchar(200) not null, "measure_en" varchar(200) not null, "basis" text not null, "applied_by" varchar(200) not null, "catalogue_id" varchar(64) not null, "catalogue_version" int not null, "applied_on" varchar(10) not null, "state" varchar(16) not null, "state_reason" varchar(24) not null default 'RECORD_DECIDED', "state_since" varchar(10) not null, "rectification_due_date" varchar(10) null, "rectification_explanation" text null, "rectification_reported_at" varchar(10) null, "rectification_reported_by" text null, "history" jsonb not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "applied_sanction_pkey" primary key ("id"));`);
    this.addSql(`create index "applied_sanction_record_id_index" on "${this.config.get('schema')}"."applied_sanction" ("record_id");`);

    this.addSql(`alter table "${this.config.get('schema')}"."dishonesty_record" add column "status" varchar(16) not null default 'ACTIVE', add column "removed_at" varchar(10) null, add column "repaired_at" varchar(10) null, add column "history" jsonb not null default '[]';`);
    // Existing records start with an empty history; the entity declares no default, so none is kept.
    this.addSql(`alter table "${this.config.get('schema')}"."dishonesty_record" alter column "history" drop default;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "${this.config.get('schema')}"."dishonesty_record" drop column "status", drop column "removed_at", drop column "repaired_at", drop column "history";`);
  }

}
