// The embedded store's schema update (platform/orm.ts ensureSchema) on a SQLite file made by an
// earlier version of the entities: a column they no longer map that is NOT NULL without a default
// would refuse every insert (the applied sanctions' copied wording, dropped on PostgreSQL by
// Migration20261201212318), so it is dropped; one that takes nulls keeps its values.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureSchema, openOrm } from '../../platform/orm.js';

@Entity({ tableName: 'test_measure' })
class TestMeasure {
  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 64 })
  measureId!: string;
}

describe('a SQLite store made by earlier entities', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sqlite-schema-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('drops a column no entity maps that is NOT NULL without a default, keeps a nullable one with its values, and takes inserts again', async () => {
    const store = await openOrm({ name: 'sqlite-schema', dbName: join(dir, 'old.sqlite'), entities: [TestMeasure] });
    try {
      // The table as the earlier entities made it, with a row.
      const connection = store.orm.em.getConnection();
      await connection.execute('create table test_measure (id varchar(36) not null primary key, measure_id varchar(64) not null, measure_zh varchar(200) not null, note text null)');
      await connection.execute("insert into test_measure values ('a', 'PUBLIC_CRITICISM', '予以公开通报批评', '旧备注')");
      await ensureSchema(store.orm);
      const em = store.orm.em.fork();
      em.create(TestMeasure, { id: 'b', measureId: 'HONOURS_INELIGIBLE' });
      await em.flush();
      const columns = await store.orm.em.getConnection().execute<Array<{ name: string }>>('pragma table_info(test_measure)');
      expect(columns.map((c: { name: string }) => c.name)).toEqual(['id', 'measure_id', 'note']);
      expect(await store.orm.em.getConnection().execute('select id, measure_id, note from test_measure order by id')).toEqual([
        { id: 'a', measure_id: 'PUBLIC_CRITICISM', note: '旧备注' },
        { id: 'b', measure_id: 'HONOURS_INELIGIBLE', note: null },
      ]);
    } finally {
      await store.close();
    }
  });
});
