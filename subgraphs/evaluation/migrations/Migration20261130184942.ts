import { Migration } from '@mikro-orm/migrations';

export class Migration20261130184942 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "${this.config.get('schema')}"."region_indicator" ("region_code" varchar(6) not null, "year" int not null, "commitment_coverage" double precision null, "publication_rate" double precision null, "push_coverage" double precision null, "training_coverage" double precision null, "refreshed_at" varchar(30) not null, constraint "region_indicator_pkey" primary key ("region_code"));`);
  }

  override async down(): Promise<void> {
    // Migrations never drop tables (see README, Deploying at scale); nothing to undo here.
  }
}
