import { Migration } from '@mikro-orm/migrations';

export class Migration20261201145435 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "${this.config.get('schema')}"."registry_organization" add column "name" varchar(255) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "${this.config.get('schema')}"."registry_organization" drop column "name";`);
  }

}
