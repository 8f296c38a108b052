import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildIntegApp, INTEG_PREFIX } from './integ.abac-batch-secrets';

/**
 * The integration test needs an AWS account to run; offline, this keeps it compiling and checks
 * that it deploys a separate copy of the stack and asks what the walkthrough promises.
 */
describe('integration test app', () => {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  buildIntegApp(app);
  const assembly = app.synth();
  const stackTemplate = (name: string) =>
    Template.fromJSON(assembly.getStackArtifact(name).template as Record<string, unknown>);
  const assertStack = assembly.stacks.find((s) => s.stackName.includes('DeployAssert'));

  it('deploys a prefixed copy of the stack beside any other', () => {
    const template = stackTemplate(`${INTEG_PREFIX}AbacBatchSecrets`);

    template.hasResourceProperties('AWS::SecretsManager::Secret', { Name: 'IntegMyTestSecret1' });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      ManagedPolicyName: 'IntegLambdaABACPolicy',
    });
  });

  it('invokes the function with both blog events and expects 200, then 403 for MyTestSecret6', () => {
    expect(assertStack).toBeDefined();
    const invocations = Object.values(
      Template.fromJSON(assertStack!.template as Record<string, unknown>).findResources(
        'Custom::DeployAssert@SdkCallLambdainvoke',
      ),
    ) as { Properties: { parameters: { Payload: string }; expected: string } }[];

    const byEvent = new Map(
      invocations.map((r) => [
        JSON.parse(r.Properties.parameters.Payload) as string,
        JSON.parse(r.Properties.expected) as unknown,
      ]),
    );
    expect([...byEvent.keys()].sort()).toEqual([
      '{"TagKey":"app","TagValue":"app1"}',
      '{"TagKey":"environment","TagValue":"production"}',
    ]);
    expect(byEvent.get('{"TagKey":"app","TagValue":"app1"}')).toEqual({
      $ObjectLike: {
        StatusCode: 200,
        Payload: {
          $StringLike:
            '"statusCode":200.*IntegMyTestSecret1.*IntegMyTestSecret2.*IntegMyTestSecret3.*IntegMyTestSecret4.*IntegMyTestSecret5',
        },
      },
    });
    expect(byEvent.get('{"TagKey":"environment","TagValue":"production"}')).toEqual({
      $ObjectLike: {
        StatusCode: 200,
        Payload: { $StringLike: '"statusCode":403.*IntegMyTestSecret6' },
      },
    });
  });

  it('reports every assertion as a stack output that `npm run integ` reads', () => {
    const template = assertStack!.template as { Outputs: Record<string, unknown> };
    const outputs = Object.keys(template.Outputs);

    expect(outputs.filter((key) => key.startsWith('AssertionResults'))).toHaveLength(2);
  });
});
