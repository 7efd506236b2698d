import { Migration } from '@mikro-orm/migrations';

export class Migration20261201145641 extends Migration {

  // One PENDING objection and one PENDING repair application per case, kept by the store
  // (kit/remedies.ts, onePendingPerRecord): two requests at once cannot both leave one.
  override async up(): Promise<void> {
    this.addSql(`create unique index "credit_repair_one_pending" on "${this.config.get('schema')}"."credit_repair" ("case_number") where "status" = 'PENDING';`);

    this.addSql(`create unique index "debtor_objection_one_pending" on "${this.config.get('schema')}"."debtor_objection" ("case_number") where "status" = 'PENDING';`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "${this.config.get('schema')}"."credit_repair_one_pending";`);

    this.addSql(`drop index if exists "${this.config.get('schema')}"."debtor_objection_one_pending";`);
  }

}
