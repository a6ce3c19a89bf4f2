// The mon-* family: each entry parses legacy argv and calls the native run or service functions.
import type { LegacyCommand } from '../framework.js';
import { monDisableAlarmActions, monEnableAlarmActions, monPutData, monSetAlarmState } from './actions.js';
import { monDeleteAlarms, monDescribeAlarmHistory, monDescribeAlarms, monPutMetricAlarm } from './alarm.js';
import { monGetStats, monListMetrics } from './metrics.js';

export const commands: LegacyCommand[] = [monPutMetricAlarm, monDescribeAlarms, monDescribeAlarmHistory, monDeleteAlarms, monGetStats, monListMetrics, monPutData, monEnableAlarmActions, monDisableAlarmActions, monSetAlarmState];
