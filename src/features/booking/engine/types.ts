// Plain data the scheduling engine works on. All instants are UTC epoch milliseconds; intervals are half-open [start, end).

export interface Interval {
  start: number;
  end: number;
}

export type ResourceType = 'practitioner' | 'device' | 'room';

export interface Resource {
  /** Stable key, unique across types, e.g. "practitioner:3", "device:1". */
  key: string;
  type: ResourceType;
  /** Practitioners: their qualifications (physician, gait_robot, …). Devices and rooms: their kind. */
  qualifications: readonly string[];
  /** Minutes the resource stays blocked before / after a session (setup, cleaning). */
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
}

export interface Requirement {
  type: ResourceType;
  qualification: string;
}

export interface ServiceRules {
  durationMinutes: number;
  /** Starts are offered every `stepMinutes`, counted from local midnight in the clinic's zone. */
  stepMinutes: number;
  minNoticeMinutes: number;
  horizonDays: number;
  requirements: readonly Requirement[];
}

/** When each resource can work (working hours minus breaks, leave, maintenance, holidays), as concrete intervals. */
export type Availability = ReadonlyMap<string, readonly Interval[]>;

/** What each resource is already occupied by (existing bookings, buffers included). */
export type Occupancy = ReadonlyMap<string, readonly Interval[]>;

export interface Slot {
  start: number;
  end: number;
}

export interface Allocation {
  start: number;
  end: number;
  /** One entry per requirement, in the service's requirement order. */
  assignments: Array<{ requirement: Requirement; resourceKey: string; occupied: Interval }>;
}
