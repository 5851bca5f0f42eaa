/**
 * Email templates. Their inputs hold only what an email may show (a name, a step title, a
 * reference, dates, a link), as checked types from safe-text.ts: no case content can reach them.
 */
export { renderDigestEmail, type DigestEmail, type DigestEmailItem } from './digest-email.template';
export { dateInWords, SERVICE_NAME } from './email-format';
export {
  EMAIL_TEMPLATES,
  EmailTemplateError,
  renderEmail,
  SAMPLE_EMAILS,
  verifyTemplates,
  type EmailTemplateInputs,
} from './email-templates';
export { renderEscalationEmail, type EscalationEmail } from './escalation-email.template';
export { renderReminderEmail, type ReminderEmail } from './reminder-email.template';
export { EMAIL_TEMPLATE_NAMES, type EmailTemplateName, type RenderedEmail } from './rendered-email';
export {
  agencyName,
  appLink,
  checkAgencyName,
  checkAppLink,
  checkPersonName,
  checkReferenceNumber,
  checkStepTitle,
  personName,
  referenceNumber,
  stepTitle,
  taskLink,
  UnsafeEmailContentError,
  type AgencyName,
  type AppLink,
  type PersonName,
  type ReferenceNumber,
  type SafeText,
  type StepTitle,
} from './safe-text';
export { renderSignInEmail, type SignInEmail } from './sign-in-email.template';
export {
  IMMEDIATE_CONCERN_ROLES,
  renderImmediateConcernEmail,
  type ImmediateConcernEmail,
  type ImmediateConcernRole,
} from './immediate-concern-email.template';
export {
  CONCERN_ACTIONED_ROLES,
  renderConcernActionedEmail,
  type ConcernActionedEmail,
  type ConcernActionedRole,
} from './concern-actioned-email.template';
export {
  renderReturnReopenedEmail,
  RETURN_REOPENED_ROLES,
  type ReturnReopenedEmail,
  type ReturnReopenedRole,
} from './return-reopened-email.template';
export {
  renderMeetingDateChangedEmail,
  type MeetingDateChangedEmail,
} from './meeting-date-changed-email.template';
