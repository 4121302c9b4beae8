// The tests' SMTP receiver (issue 12 §5) is the demo's catcher: one implementation of the real SMTP traffic.
export { startMailCatcher, type CaughtMail, type MailCatcher } from '../../../infra/demo/mail-catcher';
