package io.paddock.provisioning.aws;

import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;

import io.paddock.PaddockConfig;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsAsyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingAsyncClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsAsyncClient;
import software.amazon.awssdk.services.ec2.Ec2AsyncClient;
import software.amazon.awssdk.services.ecr.EcrAsyncClient;
import software.amazon.awssdk.services.ecs.EcsAsyncClient;
import software.amazon.awssdk.services.efs.EfsAsyncClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2AsyncClient;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiAsyncClient;
import software.amazon.awssdk.services.scheduler.SchedulerAsyncClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerAsyncClient;
import software.amazon.awssdk.services.sts.StsAsyncClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The AWS clients, made once from {@code paddock.aws.*}: all async, all on the one Netty HTTP client. On shutdown
 * {@link #close()} closes what was made, the last made first, so the HTTP client and the credentials go after the
 * clients that use them. The SDK's retries are off: {@link AwsCalls} retries, within a deadline, so that a
 * throttled call and a call waiting on a dependency follow the same policy. Only produced when the aws provider
 * is chosen.
 */
@ApplicationScoped
public class AwsClients {

    private final Deque<SdkAutoCloseable> made = new ConcurrentLinkedDeque<>();

    /** Typed so that only the provider's own site producer answers for {@code CloudSite}. */
    @Produces
    @Singleton
    @Typed(AwsSettings.class)
    AwsSettings settings(PaddockConfig config) {
        return AwsSettings.from(config.aws());
    }

    @Produces
    @Singleton
    SdkAsyncHttpClient httpClient(AwsSettings settings) {
        return closedAtShutdown(NettyNioAsyncHttpClient.builder()
                .maxConcurrency(settings.maxConnections())
                .build());
    }

    @Produces
    @Singleton
    AwsCredentialsProvider credentials(AwsSettings settings) {
        AwsCredentialsProvider credentials = settings.staticKeys()
                .<AwsCredentialsProvider>map(keys -> StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(keys.accessKeyId(), keys.secretAccessKey())))
                // Refreshed by the SDK's own thread before they expire, so that no request's event loop ever
                // waits on STS, the instance metadata service or the container credentials endpoint.
                .orElseGet(() -> DefaultCredentialsProvider.builder()
                        .asyncCredentialUpdateEnabled(true)
                        .build());
        if (credentials instanceof SdkAutoCloseable closeable) {
            closedAtShutdown(closeable);
        }
        return credentials;
    }

    @Produces
    @Singleton
    Ec2AsyncClient ec2(AwsSettings settings, SdkAsyncHttpClient http, AwsCredentialsProvider credentials) {
        return build(Ec2AsyncClient.builder(), settings, http, credentials);
    }

    @Produces
    @Singleton
    ElasticLoadBalancingV2AsyncClient elbv2(AwsSettings settings, SdkAsyncHttpClient http,
            AwsCredentialsProvider credentials) {
        return build(ElasticLoadBalancingV2AsyncClient.builder(), settings, http, credentials);
    }

    @Produces
    @Singleton
    EfsAsyncClient efs(AwsSettings settings, SdkAsyncHttpClient http, AwsCredentialsProvider credentials) {
        return build(EfsAsyncClient.builder(), settings, http, credentials);
    }

    @Produces
    @Singleton
    EcsAsyncClient ecs(AwsSettings settings, SdkAsyncHttpClient http, AwsCredentialsProvider credentials) {
        return build(EcsAsyncClient.builder(), settings, http, credentials);
    }

    @Produces
    @Singleton
    ApplicationAutoScalingAsyncClient autoScaling(AwsSettings settings, SdkAsyncHttpClient http,
            AwsCredentialsProvider credentials) {
        return build(ApplicationAutoScalingAsyncClient.builder(), settings, http, credentials);
    }

    @Produces
    @Singleton
    SecretsManagerAsyncClient secrets(AwsSettings settings, SdkAsyncHttpClient http,
            AwsCredentialsProvider credentials) {
        return build(SecretsManagerAsyncClient.builder(), settings, http, credentials);
    }

    @Produces
    @Singleton
    CloudWatchLogsAsyncClient logs(AwsSettings settings, SdkAsyncHttpClient http, AwsCredentialsProvider credentials) {
        return build(CloudWatchLogsAsyncClient.builder(), settings, http, credentials);
    }

    @Produces
    @Singleton
    SchedulerAsyncClient scheduler(AwsSettings settings, SdkAsyncHttpClient http, AwsCredentialsProvider credentials) {
        return build(SchedulerAsyncClient.builder(), settings, http, credentials);
    }

    @Produces
    @Singleton
    CloudWatchAsyncClient metrics(AwsSettings settings, SdkAsyncHttpClient http, AwsCredentialsProvider credentials) {
        return build(CloudWatchAsyncClient.builder(), settings, http, credentials);
    }

    @Produces
    @Singleton
    EcrAsyncClient ecr(AwsSettings settings, SdkAsyncHttpClient http, AwsCredentialsProvider credentials) {
        return build(EcrAsyncClient.builder(), settings, http, credentials);
    }

    @Produces
    @Singleton
    StsAsyncClient sts(AwsSettings settings, SdkAsyncHttpClient http, AwsCredentialsProvider credentials) {
        return build(StsAsyncClient.builder(), settings, http, credentials);
    }

    @Produces
    @Singleton
    ResourceGroupsTaggingApiAsyncClient tagging(AwsSettings settings, SdkAsyncHttpClient http,
            AwsCredentialsProvider credentials) {
        return build(ResourceGroupsTaggingApiAsyncClient.builder(), settings, http, credentials);
    }

    private <B extends AwsAsyncClientBuilder<B, C> & AwsClientBuilder<B, C>, C extends SdkAutoCloseable> C build(
            B builder, AwsSettings settings, SdkAsyncHttpClient http, AwsCredentialsProvider credentials) {
        builder.httpClient(http)
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials)
                .overrideConfiguration(override -> override.retryStrategy(AwsRetryStrategy.doNotRetry()));
        settings.endpointOverride().ifPresent(builder::endpointOverride);
        return closedAtShutdown(builder.build());
    }

    private <C extends SdkAutoCloseable> C closedAtShutdown(C made) {
        this.made.push(made);
        return made;
    }

    /** Closes what was made, the last made first: every client before the HTTP client and credentials it uses. */
    @PreDestroy
    void close() {
        while (!made.isEmpty()) {
            made.pop().close();
        }
    }
}
