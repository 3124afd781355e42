// The scheduling engine's public surface (pure functions over plain data).
export * from './types.ts';
export { normalize, subtract, intersect, overlaps } from './intervals.ts';
export { expandAvailability, stepStarts, localDays, type WeeklyInterval, type CalendarException, type Holiday } from './calendar.ts';
export { availableSlots, allocate, planStart, type StartPlan, occupiedBy, matchRequirements, matches, onStepGrid, type EngineInput } from './slots.ts';
