import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';

// Help is rendered at a fixed width and without colour, so the snapshots are stable anywhere.
// When commands are added, update with: npx vitest run test/help.test.ts -u (and read the diff).

describe('root help', () => {
  it('shows the global options, the commands and the exit-code table', async () => {
    const r = await runCli('--help', { columns: 80 });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatchInlineSnapshot(`
      "Usage: scalectl [options] [command]

      Build and tear down the classic AWS web tier: load balancer, server certificate,
      Auto Scaling group, scaling policies and the alarms that fire them.

      Options:
        -V, --version           print the version
        --region <region>       AWS region (else AWS_REGION, AWS_DEFAULT_REGION, the
                                profile, then EC2_REGION)
        --profile <name>        shared-config profile (AWS_PROFILE); SSO and
                                assume-role profiles work
        --endpoint-url <url>    send every request to this endpoint (LocalStack, moto,
                                a proxy)
        --output <format>       output format (default: table on a terminal, text
                                otherwise) (choices: "table", "text", "json")
        --no-color              no colour (also when NO_COLOR is set or the stream is
                                not a terminal)
        -q, --quiet             no progress on stderr
        --debug                 AWS request ids, retries and stack traces on stderr
                                (secrets redacted)
        --query <expr>          JMESPath expression applied to the JSON result, as in
                                the AWS CLI (e.g. 'groups[].name')
        -h, --help              show help

      Setup:
        config                  show the region, credentials, endpoint and output a
                                run would use, and where each comes from

      Load balancer:
        create-lb               create or converge a load balancer (classic,
                                application or network): listeners, health check,
                                stickiness, draining
        describe-lbs            list load balancers: DNS name, scheme, listeners,
                                health check, instance count
        instance-health         each registered instance's state (InService,
                                OutOfService), reason code and description
        set-lb-cert             put a server certificate on an HTTPS or SSL listener
        register-instances      register instances with a load balancer
        deregister-instances    deregister instances from a load balancer (connection
                                draining applies)

      Certificates:
        upload-cert             check a server certificate, its chain and key locally,
                                then upload them to IAM; prints the ARN
        list-certs              list the IAM server certificates with their expiry and
                                days left

      Auto Scaling:
        create-asg              create an Auto Scaling group (and its launch
                                template), or bring an existing one in line
        update-asg              change an Auto Scaling group's sizes, cooldown or
                                health check
        describe-asgs           show Auto Scaling groups and their instances
        put-policy              create or update a scaling policy and print its ARN
        describe-policies       show scaling policies with their ARNs and the alarms
                                that fire them

      Day two:
        set-capacity            set an Auto Scaling group's desired capacity (within
                                its min and max)
        suspend                 suspend an Auto Scaling group's processes (all of them
                                when none is named)
        resume                  resume an Auto Scaling group's suspended processes
                                (all of them when none is named)
        activities              an Auto Scaling group's scaling activities, newest
                                first: why it launched or terminated what
        execute-policy          run a scaling policy now, as its alarm would
        schedule                create or converge a scheduled action that changes a
                                group's size at a time or on a cron schedule
        describe-schedules      list scheduled actions: when they run and the sizes
                                they set
        unschedule              delete a scheduled action (one already gone is
                                unchanged)
        notify                  send a group's launch and terminate events to an SNS
                                topic (or stop with --off)
        describe-notifications  list the SNS topics groups notify, and the events each
                                gets
        roll                    replace a group's instances with ones from its current
                                launch template version (an instance refresh)

      Alarms and metrics:
        put-alarm               create or update a CloudWatch metric alarm; wire it to
                                scaling policies by name
        describe-alarms         list metric alarms: state, metric, condition and
                                actions
        alarm-history           an alarm's history: state changes, configuration
                                updates and actions
        list-metrics            list the metrics CloudWatch has data for
        get-stats               statistics of one metric over time; a terminal also
                                gets a small chart
        put-metric              publish one datapoint of a custom metric: a value, or
                                several values as one statistic set
        set-alarm-state         force an alarm into a state until its next evaluation,
                                to test what its actions do
        alarm-actions           switch alarms' actions on or off (e.g. off for
                                maintenance); the alarms keep evaluating
        delete-alarms           delete metric alarms by name (outside a stack;
                                teardown deletes a stack's own)

      DNS and boot:
        dns                     Route 53 records: dns alias NAME --lb LB (the zone
                                apex on a balancer); dns register / deregister
                                (DNS-only balancing)
        boot                    the instance boot hook: take the Elastic IP, join the
                                load balancer, register DNS, as the #scalectl
                                user-data block says

      Teardown and status:
        teardown                delete a stack in dependency order: alarms, policies,
                                groups (drained), launch templates, load balancers,
                                certificates
        status                  every resource of a stack with its state: group sizes
                                and instance health, load balancer health, alarm
                                states, certificate expiry

      Legacy tools:
        legacy                  run the old elb-*, iam-servercert*, as-* and mon-*
                                commands as they were; install them as shims;
                                translate them

      Least privilege:
        policy                  print the least-privilege IAM policy for commands, a
                                recipe, or the boot hook

      Help:
        help                    show help for a command: scalectl help create-lb (the
                                same page as create-lb --help)
        version                 print the version (same as --version)
        completion              print the shell completion script: bash, zsh, fish or
                                powershell

      Exit status:
        0    success, including a re-run that changed nothing
        1    the operation failed: AWS refused, a wait timed out, or an unexpected error
        2    usage: bad flag, value, combination or input file; nothing was sent to AWS
        3    configuration: no region or no credentials
        4    a named resource does not exist
        5    partly done: some steps succeeded, some failed; the report says which
        130  interrupted

      Results go to stdout; progress, warnings and errors to stderr.
      "
    `);
  });
});

describe('command help', () => {
  it('config --help shows its own options and the global ones', async () => {
    const r = await runCli('config --help --no-color', { columns: 80 });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatchInlineSnapshot(`
      "Usage: scalectl config [options]

      show the region, credentials, endpoint and output a run would use, and where
      each comes from

      Options:
        --verify              also resolve the credentials now (SSO, assume-role,
                              instance role) to prove they work
        -h, --help            show help

      Global Options:
        -V, --version         print the version
        --region <region>     AWS region (else AWS_REGION, AWS_DEFAULT_REGION, the
                              profile, then EC2_REGION)
        --profile <name>      shared-config profile (AWS_PROFILE); SSO and assume-role
                              profiles work
        --endpoint-url <url>  send every request to this endpoint (LocalStack, moto, a
                              proxy)
        --output <format>     output format (default: table on a terminal, text
                              otherwise) (choices: "table", "text", "json")
        --no-color            no colour (also when NO_COLOR is set or the stream is
                              not a terminal)
        -q, --quiet           no progress on stderr
        --debug               AWS request ids, retries and stack traces on stderr
                              (secrets redacted)
        --query <expr>        JMESPath expression applied to the JSON result, as in
                              the AWS CLI (e.g. 'groups[].name')

      Examples:
        scalectl config
        scalectl config --profile prod --verify
        scalectl config --region eu-west-1 --output text

      Text output (--output text, tab-separated, no header):
        setting, value, source (one line each: region, profile, credentials, endpoint,
          output)

      Exit codes:
        0    success, including a re-run that changed nothing
        1    the operation failed: AWS refused, a wait timed out, or an unexpected
             error
        2    usage: bad flag, value, combination or input file; nothing was sent to
             AWS
        3    configuration: no region or no credentials
        130  interrupted
      "
    `);
  });

  it('help is as wide as the terminal, up to 100 columns', async () => {
    const widest = async (columns: number) => Math.max(...(await runCli('config --help', { columns })).stdout.split('\n').map((l) => l.length));
    expect(await widest(70)).toBeLessThanOrEqual(70);
    expect(await widest(200)).toBeLessThanOrEqual(100);
    expect(await widest(200)).toBeGreaterThan(80);
  });
});
