import { Entity, EntityRepositoryType, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { ComplaintRepository } from '../complaint.repository.js';
import { ComplaintCategory, ComplaintChannel, ComplaintStatus } from './enums.js';

/**
 * 履约投诉 in the complaint ledger (应接必接): every complaint is kept, none is deleted (a
 * store trigger refuses DELETE); its handling is the append-only trail of actions.
 */
@Entity({ tableName: 'contract_complaint', repository: () => ComplaintRepository })
@Index({ properties: ['regionCode', 'receivedAt'] })
@Unique({ properties: ['channel', 'ticketNumber'] })
@Directive('@key(fields: "id")')
@ObjectType('ContractComplaint', { description: '履约投诉 (a complaint about a government contract or debt)' })
export class ContractComplaint {
  [EntityRepositoryType]?: ComplaintRepository;
  [OptionalProps]?: 'status' | 'contractId' | 'contactName' | 'contactPhoneSealed' | 'ticketNumber' | 'substantiated' | 'resolution' | 'closedAt' | 'updatedAt';

  @PrimaryKey({ type: 'string', length: 36 })
  @Field(() => ID, { description: '受理编号，可凭此查询办理进度 (tracking id)' })
  id!: string;

  @Property({ type: 'string', length: 24 })
  @Field(() => ComplaintCategory, { description: '类别 (category)' })
  category!: ComplaintCategory;

  @Property({ type: 'string', length: 200 })
  complainantName!: string;

  @Property({ type: 'string', length: 18 })
  complainantUscc!: string;

  @Property({ type: 'string', length: 50, nullable: true })
  contactName: string | null = null;

  /** The contact person's phone, sealed at rest. */
  @Property({ type: 'text', nullable: true })
  contactPhoneSealed: string | null = null;

  /** The organization complained about. */
  @Property({ type: 'string', length: 18 })
  @Index()
  organizationUscc!: string;

  /** From the complained organization's USCC positions 3–8: per-region statistics without the registry. */
  @Property({ type: 'string', length: 6 })
  regionCode!: string;

  @Property({ type: 'string', length: 64, nullable: true })
  @Index()
  contractId: string | null = null;

  @Property({ type: 'string', length: 20 })
  @Field(() => ComplaintChannel, { description: '渠道 (channel)' })
  channel!: ComplaintChannel;

  /** The source system's ticket (12345 hotline …): unique within its channel, so an import is idempotent. */
  @Property({ type: 'string', length: 64, nullable: true })
  ticketNumber: string | null = null;

  @Property({ type: 'string', length: 10 })
  @Field(() => String, { description: '接收日期 (date received)' })
  receivedAt!: string;

  @Property({ type: 'string', length: 10 })
  @Field(() => String, { description: '办理期限 (due date)' })
  dueDate!: string;

  @Property({ type: 'text' })
  content!: string;

  @Property({ type: 'string', length: 16 })
  @Index()
  @Field(() => ComplaintStatus, { description: '办理状态 (status)' })
  status: ComplaintStatus = ComplaintStatus.RECEIVED;

  @Property({ type: 'boolean', nullable: true })
  @Field(() => Boolean, { nullable: true, description: '办结时认定投诉是否属实 (whether the complaint was found substantiated; set when resolved)' })
  substantiated: boolean | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '办理结果或驳回理由 (resolution, or the reason for rejection)' })
  resolution: string | null = null;

  @Property({ type: 'string', length: 10, nullable: true })
  @Field(() => String, { nullable: true, description: '办结或驳回日期 (date resolved or rejected)' })
  closedAt: string | null = null;

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
