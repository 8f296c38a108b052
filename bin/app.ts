#!/usr/bin/env node
import { App } from 'aws-cdk-lib';
import { addAbacSecretsStack } from '../lib/app';
import { addComplianceChecks } from '../lib/compliance';

const app = new App();
addAbacSecretsStack(app);
addComplianceChecks(app);
