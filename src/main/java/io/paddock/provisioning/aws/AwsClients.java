package io.paddock.provisioning.aws;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
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
 * The AWS clients, made once from {@code paddock.aws.*}: all async, all on the one Netty HTTP client, which
 * is closed after them on shutdown. The SDK's retries are off: {@link AwsCalls} retries, within a deadline,
 * so that a throttled call and a call waiting on a dependency follow the same policy. Only produced when the
 * aws provider is chosen.
 */
@ApplicationScoped
public class AwsClients {

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
        return NettyNioAsyncHttpClient.builder()
                .maxConcurrency(settings.maxConnections())
                .build();
    }

    void closeHttpClient(@Disposes SdkAsyncHttpClient client) {
        client.close();
    }

    @Produces
    @Singleton
    AwsCredentialsProvider credentials(AwsSettings settings) {
        return settings.staticKeys()
                .<AwsCredentialsProvider>map(keys -> StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(keys.accessKeyId(), keys.secretAccessKey())))
                // Refreshed by the SDK's own thread before they expire, so that no request's event loop ever
                // waits on STS, the instance metadata service or the container credentials endpoint.
                .orElseGet(() -> DefaultCredentialsProvider.builder()
                        .asyncCredentialUpdateEnabled(true)
                        .build());
    }

    void closeCredentials(@Disposes AwsCredentialsProvider credentials) {
        if (credentials instanceof SdkAutoCloseable closeable) {
            closeable.close();
        }
    }

    @Produces
    @Singleton
    Ec2AsyncClient ec2(AwsSettings settings, SdkAsyncHttpClient http, AwsCredentialsProvider credentials) {
        return configure(Ec2AsyncClient.builder(), settings, http, credentials).build();
    }

    @Produces
    @Singleton
    ElasticLoadBalancingV2AsyncClient elbv2(AwsSettings settings, SdkAsyncHttpClient http,
            AwsCredentialsProvider credentials) {
        return configure(ElasticLoadBalancingV2AsyncClient.builder(), settings, http, credentials).build();
    }

    @Produces
    @Singleton
    EfsAsyncClient efs(AwsSettings settings, SdkAsyncHttpClient http, AwsCredentialsProvider credentials) {
        return configure(EfsAsyncClient.builder(), settings, http, credentials).build();
    }

    @Produces
    @Singleton
    EcsAsyncClient ecs(AwsSettings settings, SdkAsyncHttpClient http, AwsCredentialsProvider credentials) {
        return configure(EcsAsyncClient.builder(), settings, http, credentials).build();
    }

    @Produces
    @Singleton
    ApplicationAutoScalingAsyncClient autoScaling(AwsSettings settings, SdkAsyncHttpClient http,
            AwsCredentialsProvider credentials) {
        return configure(ApplicationAutoScalingAsyncClient.builder(), settings, http, credentials).build();
    }

    @Produces
    @Singleton
    SecretsManagerAsyncClient secrets(AwsSettings settings, SdkAsyncHttpClient http,
            AwsCredentialsProvider credentials) {
        return configure(SecretsManagerAsyncClient.builder(), settings, http, credentials).build();
    }

    @Produces
    @Singleton
    CloudWatchLogsAsyncClient logs(AwsSettings settings, SdkAsyncHttpClient http, AwsCredentialsProvider credentials) {
        return configure(CloudWatchLogsAsyncClient.builder(), settings, http, credentials).build();
    }

    @Produces
    @Singleton
    SchedulerAsyncClient scheduler(AwsSettings settings, SdkAsyncHttpClient http, AwsCredentialsProvider credentials) {
        return configure(SchedulerAsyncClient.builder(), settings, http, credentials).build();
    }

    @Produces
    @Singleton
    CloudWatchAsyncClient metrics(AwsSettings settings, SdkAsyncHttpClient http, AwsCredentialsProvider credentials) {
        return configure(CloudWatchAsyncClient.builder(), settings, http, credentials).build();
    }

    @Produces
    @Singleton
    EcrAsyncClient ecr(AwsSettings settings, SdkAsyncHttpClient http, AwsCredentialsProvider credentials) {
        return configure(EcrAsyncClient.builder(), settings, http, credentials).build();
    }

    @Produces
    @Singleton
    StsAsyncClient sts(AwsSettings settings, SdkAsyncHttpClient http, AwsCredentialsProvider credentials) {
        return configure(StsAsyncClient.builder(), settings, http, credentials).build();
    }

    void close(@Disposes CloudWatchAsyncClient client) {
        client.close();
    }

    void close(@Disposes EcrAsyncClient client) {
        client.close();
    }

    void close(@Disposes StsAsyncClient client) {
        client.close();
    }

    @Produces
    @Singleton
    ResourceGroupsTaggingApiAsyncClient tagging(AwsSettings settings, SdkAsyncHttpClient http,
            AwsCredentialsProvider credentials) {
        return configure(ResourceGroupsTaggingApiAsyncClient.builder(), settings, http, credentials).build();
    }

    void close(@Disposes ResourceGroupsTaggingApiAsyncClient client) {
        client.close();
    }

    void close(@Disposes SchedulerAsyncClient client) {
        client.close();
    }

    void close(@Disposes Ec2AsyncClient client) {
        client.close();
    }

    void close(@Disposes ElasticLoadBalancingV2AsyncClient client) {
        client.close();
    }

    void close(@Disposes EfsAsyncClient client) {
        client.close();
    }

    void close(@Disposes EcsAsyncClient client) {
        client.close();
    }

    void close(@Disposes ApplicationAutoScalingAsyncClient client) {
        client.close();
    }

    void close(@Disposes SecretsManagerAsyncClient client) {
        client.close();
    }

    void close(@Disposes CloudWatchLogsAsyncClient client) {
        client.close();
    }

    private static <B extends AwsAsyncClientBuilder<B, ?> & AwsClientBuilder<B, ?>> B configure(B builder,
            AwsSettings settings, SdkAsyncHttpClient http, AwsCredentialsProvider credentials) {
        builder.httpClient(http)
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials)
                .overrideConfiguration(override -> override.retryStrategy(AwsRetryStrategy.doNotRetry()));
        settings.endpointOverride().ifPresent(builder::endpointOverride);
        return builder;
    }
}
