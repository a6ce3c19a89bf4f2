import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach } from 'vitest';
import { resetAws } from './aws.js';

beforeEach(() => resetAws());
