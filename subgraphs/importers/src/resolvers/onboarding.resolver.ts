import { checkPageSize, ForbiddenError, requireSignedIn, UnauthenticatedError } from '@cee-hub/common';
import { actorOfIdentity, availableOnboardingActions } from '@cee-hub/contracts';
import type { OnboardingRow } from '@cee-hub/db';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { ImportersContext } from '../context';
import { UnknownImporterError } from '../errors';
import { canSeeOnboarding } from '../services/onboarding.service';
import { Importer, Participation } from '../types/importer.type';
import { FederalRegisterNotice } from '../types/notice.type';
import { Onboarding, OnboardingDecisionInput, OnboardingEvent, OnboardingFilterInput, OnboardingPage, StaffContact } from '../types/onboarding.type';
import { centerOfCallersList } from './center-scoped-list';
import { toImporter, toNotice, toOnboardingEvent } from './mappers';

function toOnboarding(row: OnboardingRow, context: ImportersContext): Onboarding {
  return {
    id: row.id,
    importerId: row.importerId,
    noticeId: row.noticeId,
    accountManagerId: row.accountManagerId,
    state: row.state,
    step: row.step,
    chosenCenter: { id: row.chosenCenterId },
    proposedCenter: row.proposedCenterId ? { id: row.proposedCenterId } : null,
    center: row.centerId ? { id: row.centerId } : null,
    proposalBasis: row.proposalBasis,
    proposalNote: row.proposalNote,
    reasons: row.reasons,
    question: row.question,
    answer: row.answer,
    decisionNote: row.decisionNote,
    reviewDueAt: row.reviewDueAt,
    escalatesAt: row.escalatesAt,
    informationDueAt: row.informationDueAt,
    effectiveDate: row.effectiveDate,
    availableActions: availableOnboardingActions(actorOfIdentity(context.identity), row),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function checkImporterId(context: ImportersContext, importerId: string): void {
  const { identity } = context;
  if (identity.role === 'PUBLIC') throw new UnauthenticatedError('Sign in to see volunteer applications');
  if (identity.role === 'IMPORTER' && identity.importerId !== importerId) throw new ForbiddenError("You may not see another importer's application");
}

@Resolver(() => Onboarding)
export class OnboardingResolver {
  @Query(() => Onboarding, {
    nullable: true,
    description: "An importer's latest volunteer application: admins any, the importer its own, staff those their Center reviews; null when it has none",
  })
  async onboarding(@Ctx() context: ImportersContext, @Arg('importerId', () => ID) importerId: string): Promise<Onboarding | null> {
    checkImporterId(context, importerId);
    const row = await context.onboardingLoaders.latestByImporter.load(importerId);
    if (!row) return null;
    if (!canSeeOnboarding(context.identity, row)) throw new ForbiddenError(`You may not see the application of importer ${importerId}`);
    return toOnboarding(row, context);
  }

  @Query(() => OnboardingPage, { description: 'Volunteer applications, newest first: admins all, staff those their Center reviews' })
  async onboardings(
    @Ctx() context: ImportersContext,
    @Arg('filter', () => OnboardingFilterInput, { nullable: true }) filter?: OnboardingFilterInput,
    @Arg('first', () => Int, { defaultValue: 20 }) first = 20,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<OnboardingPage> {
    const { identity } = context;
    requireSignedIn(identity, 'list volunteer applications');
    checkPageSize(first);
    const narrowed = {
      ...filter,
      centerId: centerOfCallersList(identity, filter?.centerId, {
        otherCenter: `Staff of ${identity.centerId} may list only the applications their own Center reviews`,
        notCbp: 'Only CBP users may list applications; an importer sees its own through `me { onboarding }`',
      }),
    };
    const page = await context.services.onboardings.list(narrowed, first, after ?? undefined);
    for (const row of page.rows) context.onboardingLoaders.latestByImporter.prime(row.importerId, row);
    return { nodes: page.rows.map((row) => toOnboarding(row, context)), totalCount: page.totalCount, pageInfo: { endCursor: page.endCursor, hasNextPage: page.hasNextPage } };
  }

  @Mutation(() => Onboarding, { description: 'The signed-in importer volunteers for a Center under an open notice; starts its onboarding' })
  async volunteerForCenter(
    @Ctx() context: ImportersContext,
    @Arg('noticeId', () => ID) noticeId: string,
    @Arg('centerId', () => ID) centerId: string,
  ): Promise<Onboarding> {
    requireSignedIn(context.identity, 'volunteer for a Center');
    return toOnboarding(await context.services.onboardings.volunteer(context.identity, noticeId, centerId), context);
  }

  @Mutation(() => Onboarding, { description: "Approve, reject or ask for information: the reviewing Center's account manager or an admin" })
  async decideOnboarding(
    @Ctx() context: ImportersContext,
    @Arg('importerId', () => ID) importerId: string,
    @Arg('input', () => OnboardingDecisionInput) input: OnboardingDecisionInput,
  ): Promise<Onboarding> {
    requireSignedIn(context.identity, 'decide on applications');
    const row = await context.services.onboardings.decide(context.identity, importerId, {
      decision: input.decision,
      note: input.note ?? null,
      question: input.question ?? null,
      effectiveDate: input.effectiveDate ?? null,
    });
    return toOnboarding(row, context);
  }

  @Mutation(() => Onboarding, { description: 'Moves an application under review to another Center open under its notice: admins' })
  async reassignOnboarding(
    @Ctx() context: ImportersContext,
    @Arg('importerId', () => ID) importerId: string,
    @Arg('centerId', () => ID) centerId: string,
    @Arg('note', () => String, { nullable: true }) note?: string,
  ): Promise<Onboarding> {
    requireSignedIn(context.identity, 'reassign applications');
    return toOnboarding(await context.services.onboardings.reassign(context.identity, importerId, centerId, note ?? null), context);
  }

  @Mutation(() => Onboarding, { description: "The signed-in importer answers the Center's question on its application, with documents of the application if it likes" })
  async answerOnboardingQuestion(
    @Ctx() context: ImportersContext,
    @Arg('answer') answer: string,
    @Arg('documentIds', () => [ID], {
      nullable: true,
      description: 'Documents of the application the answer comes with (upload them to the application first); they stay part of its record',
    })
    documentIds?: string[] | null,
  ): Promise<Onboarding> {
    requireSignedIn(context.identity, 'answer a question');
    return toOnboarding(await context.services.onboardings.answer(context.identity, answer, documentIds), context);
  }

  @Query(() => Onboarding, {
    nullable: true,
    description: 'A volunteer application by its id, for whoever may see it (admins any, the importer its own, staff those their Center reviews); null for any other id',
  })
  onboardingApplication(@Ctx() context: ImportersContext, @Arg('id', () => ID) id: string): Promise<Onboarding | null> {
    requireSignedIn(context.identity, 'see volunteer applications');
    return loadVisibleOnboarding(id, context);
  }

  @Mutation(() => Onboarding, { description: 'The signed-in importer withdraws its application in progress' })
  async withdrawOnboarding(@Ctx() context: ImportersContext, @Arg('note', () => String, { nullable: true }) note?: string): Promise<Onboarding> {
    requireSignedIn(context.identity, 'withdraw an application');
    return toOnboarding(await context.services.onboardings.withdraw(context.identity, note ?? null), context);
  }

  @Mutation(() => Importer, { description: 'The signed-in participating importer leaves its Center; its entry summaries go to the ports again' })
  async withdrawParticipation(@Ctx() context: ImportersContext): Promise<Importer> {
    requireSignedIn(context.identity, 'withdraw from a Center');
    const id = await context.services.onboardings.withdrawParticipation(context.identity);
    const row = await context.services.importers.get(id);
    return toImporter(row);
  }

  @FieldResolver(() => Importer)
  async importer(@Root() onboarding: Onboarding, @Ctx() context: ImportersContext): Promise<Importer> {
    // Whoever may see the application may see its applicant (staff reviewing it included).
    const row = await context.loaders.importerById.load(onboarding.importerId);
    if (!row) throw new UnknownImporterError(onboarding.importerId);
    return toImporter(row);
  }

  @FieldResolver(() => FederalRegisterNotice)
  async notice(@Root() onboarding: Onboarding, @Ctx() context: ImportersContext): Promise<FederalRegisterNotice> {
    return toNotice((await context.onboardingLoaders.noticeById.load(onboarding.noticeId))!);
  }

  @FieldResolver(() => StaffContact, { nullable: true })
  async accountManager(@Root() onboarding: Onboarding, @Ctx() context: ImportersContext): Promise<StaffContact | null> {
    return onboarding.accountManagerId ? ((await context.onboardingLoaders.staffById.load(onboarding.accountManagerId)) ?? null) : null;
  }

  @FieldResolver(() => [OnboardingEvent])
  async events(@Root() onboarding: Onboarding, @Ctx() context: ImportersContext): Promise<OnboardingEvent[]> {
    return (await context.onboardingLoaders.eventsByOnboarding.load(onboarding.id)).map(toOnboardingEvent);
  }
}

/** `_entities` for Onboarding (the documents subgraph adds its paperwork): the application when the caller may see it. */
export async function loadVisibleOnboarding(id: string, context: ImportersContext): Promise<Onboarding | null> {
  const row = await context.services.onboardings.findById(id);
  return row && canSeeOnboarding(context.identity, row) ? toOnboarding(row, context) : null;
}

@Resolver(() => Importer)
export class ImporterOnboardingResolver {
  @FieldResolver(() => Onboarding, { nullable: true, description: 'Its latest volunteer application, when the viewer may see it' })
  async onboarding(@Root() importer: Importer, @Ctx() context: ImportersContext): Promise<Onboarding | null> {
    const row = await context.onboardingLoaders.latestByImporter.load(importer.id);
    return row && canSeeOnboarding(context.identity, row) ? toOnboarding(row, context) : null;
  }
}

@Resolver(() => Participation)
export class ParticipationResolver {
  @FieldResolver(() => StaffContact, { nullable: true, description: 'The account manager it got at its Center' })
  async accountManager(@Root() participation: Participation, @Ctx() context: ImportersContext): Promise<StaffContact | null> {
    return participation.accountManagerId ? ((await context.onboardingLoaders.staffById.load(participation.accountManagerId)) ?? null) : null;
  }
}
