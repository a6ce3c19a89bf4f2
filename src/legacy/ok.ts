// The confirmation lines of the phase-2 legacy commands, in one place. Verified against the
// CloudWatch CLI reference: `OK-Set alarm state value` (mon-set-alarm-state) and a silent
// mon-put-data; `OK-Put Notification Configuration` from a real script (legacy-cli.md §1.1). The
// others follow the Auto Scaling tools' `OK-<Verb> <object>` shape; their exact text was not found.
import type { PlanResult } from '../plan.js';

export const OK = {
  setDesiredCapacity: 'OK-Desired Capacity Set',
  executePolicy: 'OK-Executed Policy',
  suspendProcesses: 'OK-Processes Suspended',
  resumeProcesses: 'OK-Processes Resumed',
  putScheduledAction: 'OK-Put Scheduled Update Group Action',
  deleteScheduledAction: 'OK-Deleted Scheduled Action',
  putNotification: 'OK-Put Notification Configuration',
  deleteNotification: 'OK-Deleted Notification Configuration',
  setAlarmState: 'OK-Set alarm state value',
  enableAlarmActions: 'OK-Enabled alarm actions',
  disableAlarmActions: 'OK-Disabled alarm actions',
} as const;

/** A native run's result; the legacy commands never plan (they have no --dry-run). */
export function done<T extends object>(r: T | PlanResult): T {
  if ('dryRun' in r) throw new Error('unexpected plan from a legacy command');
  return r as T;
}
