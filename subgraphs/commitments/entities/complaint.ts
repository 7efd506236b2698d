import { Entity, EntityRepositoryType, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { ComplaintRepository } from '../complaint.repository.js';
import { ComplaintChannel, ComplaintStatus } from './enums.js';

/** 投诉举报 about a unit's commitments. Never deleted; every change of status is kept in `history`. */
@Entity({ tableName: 'commitment_complaint', repository: () => ComplaintRepository })
@Index({ properties: ['regionCode', 'receivedAt'] })
@Unique({ properties: ['channel', 'ticketNumber'] })
@ObjectType('CommitmentComplaint', { description: '关于承诺未兑现的投诉举报 (a complaint about unkept commitments)' })
export class CommitmentComplaint {
  [EntityRepositoryType]?: ComplaintRepository;
  [OptionalProps]?: 'status' | 'transferredTo' | 'transferredToUscc' | 'resolution' | 'resolvedAt' | 'history' | 'letterId' | 'itemId' | 'ticketNumber' | 'complainantName' | 'contactSealed' | 'updatedAt';

  @PrimaryKey({ type: 'string', length: 36 })
  @Field(() => ID, { description: '受理编号，可用于查询办理进度 (tracking id)' })
  id!: string;

  @Property({ type: 'string', length: 18 })
  @Index()
  organizationUscc!: string;

  @Property({ type: 'string', length: 6 })
  regionCode!: string;

  @Property({ type: 'string', length: 36, nullable: true })
  @Field(() => String, { nullable: true, description: '涉及的承诺书标识 (letter concerned)' })
  letterId: string | null = null;

  @Property({ type: 'string', length: 36, nullable: true })
  @Field(() => String, { nullable: true, description: '涉及的承诺事项标识 (item concerned)' })
  itemId: string | null = null;

  /** The source system's ticket (12345 hotline …): unique within its channel, so an import is idempotent. */
  @Property({ type: 'string', length: 64, nullable: true })
  @Field(() => String, { nullable: true, description: '来源系统工单号 (source ticket number)' })
  ticketNumber: string | null = null;

  @Property({ type: 'string', length: 20 })
  @Field(() => ComplaintChannel, { description: '渠道 (channel)' })
  channel!: ComplaintChannel;

  @Property({ type: 'string', length: 10 })
  @Field(() => String, { description: '受理日期 (date received)' })
  receivedAt!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: '投诉内容 (content)' })
  content!: string;

  @Property({ type: 'string', nullable: true })
  complainantName: string | null = null;

  /** The complainant's phone or e-mail, sealed at rest. */
  @Property({ type: 'text', nullable: true })
  contactSealed: string | null = null;

  @Property({ type: 'string', nullable: true })
  @Field(() => String, { nullable: true, description: '转办单位 (unit it was transferred to)' })
  transferredTo: string | null = null;

  /** The receiving unit by code: it then sees the complaint and records its handling. */
  @Property({ type: 'string', length: 18, nullable: true })
  @Index()
  @Field(() => String, { nullable: true, description: '承办单位统一社会信用代码 (USCC of the receiving unit)' })
  transferredToUscc: string | null = null;

  @Property({ type: 'string', length: 16 })
  @Index()
  @Field(() => ComplaintStatus, { description: '办理状态 (status)' })
  status: ComplaintStatus = ComplaintStatus.RECEIVED;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '办理结果 (resolution)' })
  resolution: string | null = null;

  @Property({ type: 'string', length: 10, nullable: true })
  @Field(() => String, { nullable: true, description: '办结日期 (date resolved or rejected)' })
  resolvedAt: string | null = null;

  @Property({ type: 'string', length: 10 })
  @Field(() => String, { description: '办理期限 (due date)' })
  dueDate!: string;

  @Property({ type: 'json' })
  history: Array<{ status: ComplaintStatus; at: string; by: string; note: string | null }> = [];

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
