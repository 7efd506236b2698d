import { Migration } from '@mikro-orm/migrations';

export class Migration20261130185756 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "${this.config.get('schema')}"."integrity_snapshot_region" add column "commitment_coverage" double precision null, add column "publication_rate" double precision null, add column "push_coverage" double precision null, add column "training_coverage" double precision null;`);
  }

  override async down(): Promise<void> {
    // Migrations never drop tables (see README, Deploying at scale); nothing to undo here.
  }
}
