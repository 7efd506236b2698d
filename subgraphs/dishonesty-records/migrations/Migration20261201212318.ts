import { Migration } from '@mikro-orm/migrations';

// An applied sanction reads its measure's wording from the catalogue version it names
// (entities/applied-sanction.ts). The copies dropped here equal catalogue/2026.json, the only
// version there has been, unchanged since the table was created. Down brings the columns back
// empty (nullable): their words are the catalogue's.
export class Migration20261201212318 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "${this.config.get('schema')}"."applied_sanction" drop column "measure_zh", drop column "measure_en", drop column "basis", drop column "applied_by";`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "${this.config.get('schema')}"."applied_sanction" add column "measure_zh" varchar(200) null, add column "measure_en" varchar(200) null, add column "basis" text null, add column "applied_by" varchar(200) null;`);
  }

}
