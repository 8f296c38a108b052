/**
 * The smallest useful CDK app, one S3 bucket: the baseline the benchmark compares this app's
 * `cdk synth` time against. Run the same way as bin/app.ts (tsx, the project's cdk CLI).
 */
import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';

const app = new App();
const stack = new Stack(app, 'MinimalBenchStack');
new s3.Bucket(stack, 'Bucket', { removalPolicy: RemovalPolicy.DESTROY });
