import { Migration } from '@mikro-orm/migrations';

export class Migration20261201022707 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "${this.config.get('schema')}"."contract_complaint" add column "ticket_number" varchar(64) null;`);
    this.addSql(`alter table "${this.config.get('schema')}"."contract_complaint" add constraint "contract_complaint_channel_ticket_number_unique" unique ("channel", "ticket_number");`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "${this.config.get('schema')}"."contract_complaint" drop constraint "contract_complaint_channel_ticket_number_unique";`);
    this.addSql(`alter table "${this.config.get('schema')}"."contract_complaint" drop column "ticket_number";`);
  }

}
