import { Migration } from '@mikro-orm/migrations';

export class Migration20261201013530 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "${this.config.get('schema')}"."assessment_change" add column "warnings_after" jsonb null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "${this.config.get('schema')}"."assessment_change" drop column "warnings_after";`);
  }

}
