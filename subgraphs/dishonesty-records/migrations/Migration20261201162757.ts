import { Migration } from '@mikro-orm/migrations';

export class Migration20261201162757 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "${this.config.get('schema')}"."dishonesty_objection" ("id" varchar(36) not null, "decided_at" varchar(10) null, "decided_by" text null, "decision_note" text null, "filed_by_role" varchar(16) not null, "filer_uscc" varchar(18) null, "filed_by" text not null, "reason" text not null, "filed_at" varchar(10) not null, "record_id" varchar(36) not null, "status" varchar(16) not null default 'PENDING', constraint "dishonesty_objection_pkey" primary key ("id"));`);
    this.addSql(`create index "dishonesty_objection_record_id_index" on "${this.config.get('schema')}"."dishonesty_objection" ("record_id");`);
    this.addSql(`create unique index "dishonesty_objection_one_pending" on "${this.config.get('schema')}"."dishonesty_objection" ("record_id") where "status" = 'PENDING';`);

    this.addSql(`create table "${this.config.get('schema')}"."dishonesty_repair" ("id" varchar(36) not null, "decided_at" varchar(10) null, "decided_by" text null, "decision_note" text null, "applied_by" text not null, "measures" text not null, "evidence" text null, "applied_at" varchar(10) not null, "record_id" varchar(36) not null, "status" varchar(16) not null default 'PENDING', constraint "dishonesty_repair_pkey" primary key ("id"));`);
    this.addSql(`create index "dishonesty_repair_record_id_index" on "${this.config.get('schema')}"."dishonesty_repair" ("record_id");`);
    this.addSql(`create unique index "dishonesty_repair_one_pending" on "${this.config.get('schema')}"."dishonesty_repair" ("record_id") where "status" = 'PENDING';`);
  }

}
