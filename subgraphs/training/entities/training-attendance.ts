import { Entity, EntityRepositoryType, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, Float, ID, ObjectType } from 'type-graphql';
import { AttendanceRepository } from '../attendance.repository.js';

/**
 * 参训记录: one official at one session. The official is stored by pseudonym only (the ID
 * number of the import becomes `officialPseudonym` on arrival); `organizationUscc` is the
 * official's unit at the time, given by the import, so coverage is counted for the unit the
 * official served in, not for the unit that organised the session.
 */
@Entity({ tableName: 'training_attendance', repository: () => AttendanceRepository })
@Unique({ properties: ['sessionId', 'officialId'] })
@Index({ properties: ['organizationUscc', 'year'] })
@Index({ properties: ['officialId', 'year'] })
@ObjectType('TrainingAttendance', { description: '参训记录 (an official\'s attendance at a session)' })
export class TrainingAttendance {
  [EntityRepositoryType]?: AttendanceRepository;
  [OptionalProps]?: 'score' | 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'string', length: 36 })
  @Field(() => ID, { description: '记录标识 (attendance id)' })
  id!: string;

  @Property({ type: 'string', length: 36 })
  sessionId!: string;

  @Property({ type: 'string', length: 32 })
  officialId!: string;

  @Property({ type: 'string', length: 18 })
  organizationUscc!: string;

  /** Copied from the session (kept in step when the session changes): per-unit figures read one table. */
  @Property({ type: 'integer' })
  year!: number;

  /** Copied from the session, like `year`. */
  @Property({ type: 'boolean' })
  countsForCoverage!: boolean;

  @Property({ type: 'double', runtimeType: 'number' })
  @Field(() => Float, { description: '获得学时 (hours attended)' })
  hours!: number;

  @Property({ type: 'boolean' })
  @Field(() => Boolean, { description: '是否合格 (passed)' })
  passed!: boolean;

  @Property({ type: 'double', runtimeType: 'number', nullable: true })
  @Field(() => Float, { nullable: true, description: '成绩，0–100 (score)' })
  score: number | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
