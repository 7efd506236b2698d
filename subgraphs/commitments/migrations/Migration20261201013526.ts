import { Migration } from '@mikro-orm/migrations';

export class Migration20261201013526 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "${this.config.get('schema')}"."commitment_letter" add column "withdrawn_legal_reason" text null, add column "withdrawn_at" varchar(10) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "${this.config.get('schema')}"."commitment_letter" drop column "withdrawn_legal_reason", drop column "withdrawn_at";`);
  }

}
