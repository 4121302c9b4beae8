export * from './inspection-checklist';
export * from './inspection-labels';
