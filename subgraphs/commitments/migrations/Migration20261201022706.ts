import { Migration } from '@mikro-orm/migrations';

export class Migration20261201022706 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "${this.config.get('schema')}"."commitment_complaint" add column "item_id" varchar(36) null, add column "ticket_number" varchar(64) null, add column "transferred_to_uscc" varchar(18) null;`);
    this.addSql(`create index "commitment_complaint_transferred_to_uscc_index" on "${this.config.get('schema')}"."commitment_complaint" ("transferred_to_uscc");`);
    this.addSql(`alter table "${this.config.get('schema')}"."commitment_complaint" add constraint "commitment_complaint_channel_ticket_number_unique" unique ("channel", "ticket_number");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "${this.config.get('schema')}"."commitment_complaint_transferred_to_uscc_index";`);
    this.addSql(`alter table "${this.config.get('schema')}"."commitment_complaint" drop constraint "commitment_complaint_channel_ticket_number_unique";`);
    this.addSql(`alter table "${this.config.get('schema')}"."commitment_complaint" drop column "item_id", drop column "ticket_number", drop column "transferred_to_uscc";`);
  }

}
