import { Migration } from '@mikro-orm/migrations';

export class Migration20261130174914 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "${this.config.get('schema')}"."integrity_snapshot_entry" ("quarter" varchar(6) not null, "uscc" varchar(18) not null, "region_code" varchar(6) not null, "city_code" varchar(6) not null, "province_code" varchar(6) not null, "kind" varchar(32) not null, "level" varchar(32) not null, "score_tenths" int not null, "grade" varchar(1) not null, "warning_count" int not null, "warnings_red" int not null, "warnings_orange" int not null, "warnings_yellow" int not null, "region_rank" int not null, "city_rank" int not null, "province_rank" int not null, constraint "integrity_snapshot_entry_pkey" primary key ("quarter", "uscc"));`);
    this.addSql(`create index "integrity_snapshot_entry_quarter_region_code_regio_8f1ac_index" on "${this.config.get('schema')}"."integrity_snapshot_entry" ("quarter", "region_code", "region_rank", "uscc");`);
    this.addSql(`create index "integrity_snapshot_entry_quarter_city_code_city_rank_uscc_index" on "${this.config.get('schema')}"."integrity_snapshot_entry" ("quarter", "city_code", "city_rank", "uscc");`);
    this.addSql(`create index "integrity_snapshot_entry_quarter_province_code_pro_7d2f1_index" on "${this.config.get('schema')}"."integrity_snapshot_entry" ("quarter", "province_code", "province_rank", "uscc");`);

    this.addSql(`create table "${this.config.get('schema')}"."integrity_snapshot_region" ("quarter" varchar(6) not null, "region_code" varchar(6) not null, "parent_code" varchar(6) null, "organizations" int not null, "score_tenths_sum" bigint not null, "mean_tenths" int not null, "grade_a" int not null, "grade_b" int not null, "grade_c" int not null, "grade_d" int not null, "warnings_red" int not null, "warnings_orange" int not null, "warnings_yellow" int not null, "rank" int not null, constraint "integrity_snapshot_region_pkey" primary key ("quarter", "region_code"));`);
    this.addSql(`create index "integrity_snapshot_region_quarter_parent_code_rank_b26fc_index" on "${this.config.get('schema')}"."integrity_snapshot_region" ("quarter", "parent_code", "rank", "region_code");`);

    this.addSql(`create table "${this.config.get('schema')}"."integrity_snapshot" ("quarter" varchar(6) not null, "taken_at" varchar(30) not null, "trigger" varchar(16) not null, "taken_by" varchar(128) not null, "built_for" varchar(10) not null, "rule_set" varchar(48) not null, "organizations" int not null, "regions" int not null, constraint "integrity_snapshot_pkey" primary key ("quarter"));`);
  }

}
