import { refuseClaimRelease, refuseCorrection, refuseImporterReply, refuseReviewDecision } from '@cee-hub/contracts';
import { setHandler } from '@temporalio/workflow';
import { throwRefusal } from '../refusals';
import { claimReleaseChange, correctionChange, decisionChange, importerReplyChange } from './changes';
import { answerRequestForInformationUpdate, correctEntrySummaryUpdate, decideReviewUpdate, releaseReviewClaimUpdate, respondToNoticeOfActionUpdate, reviewStateQuery } from './messages';
import { copy, type EntrySummaryReview } from './state';

/**
 * The review's query and Updates. Each validator applies the shared rules, and each move asks
 * them again as it starts: an earlier Update of the same activation may have moved the review.
 */
export function registerReviewHandlers(review: EntrySummaryReview): void {
  setHandler(reviewStateQuery, () => copy(review.state));
  setHandler(decideReviewUpdate, (decision) => review.move(decisionChange(review, decision), () => refuseReviewDecision(review.state, decision)), {
    validator: (decision) => throwRefusal(refuseReviewDecision(review.state, decision)),
  });
  setHandler(answerRequestForInformationUpdate, (reply) => review.move(importerReplyChange(reply, 'CF28_ANSWERED'), () => refuseImporterReply(review.state, reply, 'CF28')), {
    validator: (reply) => throwRefusal(refuseImporterReply(review.state, reply, 'CF28')),
  });
  setHandler(respondToNoticeOfActionUpdate, (reply) => review.move(importerReplyChange(reply, 'CF29_RESPONDED'), () => refuseImporterReply(review.state, reply, 'CF29')), {
    validator: (reply) => throwRefusal(refuseImporterReply(review.state, reply, 'CF29')),
  });
  setHandler(correctEntrySummaryUpdate, (correction) => review.move(correctionChange(correction), () => refuseCorrection(review.state, correction.actor)), {
    validator: (correction) => throwRefusal(refuseCorrection(review.state, correction.actor)),
  });
  // A new Update: registering it adds no command, so recorded histories replay as before.
  setHandler(releaseReviewClaimUpdate, (release) => review.move(claimReleaseChange(release), () => refuseClaimRelease(review.state, release)), {
    validator: (release) => throwRefusal(refuseClaimRelease(review.state, release)),
  });
}
