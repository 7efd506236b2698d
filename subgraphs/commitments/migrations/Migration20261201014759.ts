import { Migration } from '@mikro-orm/migrations';

export class Migration20261201014759 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "${this.config.get('schema')}"."commitment_fulfilment_record" ("id" serial primary key, "item_id" varchar(36) not null, "organization_uscc" varchar(18) not null, "region_code" varchar(6) not null, "kind" varchar(16) not null, "fulfilment" varchar(20) not null, "evidence" text null, "reviewed_at" varchar(10) not null, "recorded_as" varchar(16) not null, "recorded_at" varchar(30) not null);`);
    this.addSql(`create index "commitment_fulfilment_record_item_id_id_index" on "${this.config.get('schema')}"."commitment_fulfilment_record" ("item_id", "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "${this.config.get('schema')}"."commitment_fulfilment_record" cascade;`);
  }

}
