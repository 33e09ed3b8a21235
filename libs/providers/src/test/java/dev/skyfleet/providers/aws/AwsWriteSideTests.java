package dev.skyfleet.providers.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.skyfleet.model.Capability;
import dev.skyfleet.model.InstanceState;
import dev.skyfleet.model.UsageClass;
import dev.skyfleet.providers.CreateInstanceRequest;
import dev.skyfleet.providers.ErrorKind;
import dev.skyfleet.providers.InstanceFilter;
import dev.skyfleet.providers.ProviderException;
import dev.skyfleet.providers.ProviderInstance;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** EC2 write side against WireMock speaking the EC2 Query protocol (form POST, XML responses). */
class AwsWriteSideTests {
    private static final String NS = "xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"";
    private static final String SSH_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAwsWriteSideExample user@host";
    private static final String USER_DATA = "#cloud-config\nruncmd: [echo secret-user-data]\n";

    private WireMockServer wire;

    @BeforeEach
    void start() {
        wire = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        wire.start();
    }

    @AfterEach
    void stop() {
        wire.stop();
    }

    private AwsEc2Provider provider(String defaultImage) {
        AwsConfig config = new AwsConfig(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("FAKE-ACCESS-KEY-FOR-TESTS-2",
                        "fakeSecretKeyForWireMockTests/write0001")),
                List.of("us-east-1"), "us-east-1", "us-east-1", URI.create("http://127.0.0.1:" + wire.port()), 1,
                Duration.ofSeconds(10), 3, defaultImage);
        return new AwsEc2Provider(config, Clock.fixed(Instant.parse("2026-11-21T18:00:00Z"), ZoneOffset.UTC));
    }

    private static MappingBuilder ec2(String action) {
        return post(urlEqualTo("/")).withRequestBody(containing("Action=" + action + "&"));
    }

    private static ResponseDefinitionBuilder xml(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/xml;charset=UTF-8")
                .withBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + body);
    }

    private static ResponseDefinitionBuilder error(int status, String code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/xml;charset=UTF-8")
                .withBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>" + code
                        + "</Code><Message>" + message + "</Message></Error></Errors>"
                        + "<RequestID>5d2e1b0c-0000-4000-8000-000000000001</RequestID></Response>");
    }

    /** One {@code instancesSet/item} shaped like EC2's (trimmed to the fields we read plus a few we ignore). */
    private static String instance(String id, String state, String... tags) {
        StringBuilder tagSet = new StringBuilder();
        for (int i = 0; i + 1 < tags.length; i += 2) {
            tagSet.append("<item><key>").append(tags[i]).append("</key><value>").append(tags[i + 1])
                    .append("</value></item>");
        }
        return """
                <item>
                  <instanceId>%s</instanceId>
                  <imageId>ami-0abcdef1234567890</imageId>
                  <instanceState><code>16</code><name>%s</name></instanceState>
                  <privateDnsName>ip-10-0-1-10.ec2.internal</privateDnsName>
                  <dnsName/>
                  <reason/>
                  <keyName>skyfleet-key</keyName>
                  <amiLaunchIndex>0</amiLaunchIndex>
                  <productCodes/>
                  <instanceType>g5.xlarge</instanceType>
                  <launchTime>2026-11-21T17:59:30.000Z</launchTime>
                  <placement><availabilityZone>us-east-1a</availabilityZone><groupName/><tenancy>default</tenancy></placement>
                  <monitoring><state>disabled</state></monitoring>
                  <privateIpAddress>10.0.1.10</privateIpAddress>
                  <ipAddress>198.51.100.7</ipAddress>
                  <architecture>x86_64</architecture>
                  <rootDeviceType>ebs</rootDeviceType>
                  <clientToken>skyfleet-token</clientToken>
                  <tagSet>%s</tagSet>
                  <hypervisor>xen</hypervisor>
                  <someFutureField>ignored</someFutureField>
                </item>""".formatted(id, state, tagSet);
    }

    private static String describe(String... items) {
        return "<DescribeInstancesResponse " + NS + "><requestId>r-1</requestId><reservationSet><item>"
                + "<reservationId>r-0123456789abcdef0</reservationId><ownerId>123456789012</ownerId><groupSet/>"
                + "<instancesSet>" + String.join("", items) + "</instancesSet></item></reservationSet>"
                + "</DescribeInstancesResponse>";
    }

    private static String runResponse(String item) {
        return "<RunInstancesResponse " + NS + "><requestId>r-2</requestId><reservationId>r-0123456789abcdef1"
                + "</reservationId><ownerId>123456789012</ownerId><groupSet/><instancesSet>" + item
                + "</instancesSet></RunInstancesResponse>";
    }

    private void stubKeyAndRun() {
        wire.stubFor(ec2("ImportKeyPair").willReturn(xml("<ImportKeyPairResponse " + NS + "><requestId>r-3"
                + "</requestId><keyFingerprint>1f:51:ae:28:bf:89:e9:d8:1f:25:5d:37:2d:7d:b8:ca:9f:f5:f1:6f"
                + "</keyFingerprint><keyName>k</keyName><keyPairId>key-0123456789abcdef0</keyPairId>"
                + "</ImportKeyPairResponse>")));
        wire.stubFor(ec2("RunInstances").willReturn(xml(runResponse(instance("i-0aaa", "pending")))));
    }

    private static CreateInstanceRequest request(String refId, UsageClass usage, String imageId) {
        return new CreateInstanceRequest(refId, "cred-7", "trainer-1", "us-east-1", "us-east-1a", "g5.xlarge", usage,
                SSH_KEY, USER_DATA, imageId, Map.of("team", "ml", "aws:reserved", "dropped"));
    }

    private static Map<String, String> form(LoggedRequest request) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : request.getBodyAsString().split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(key, value);
        }
        return out;
    }

    /** {@code TagSpecification.1.Tag.N.Key/Value} → map. */
    private static Map<String, String> sentTags(Map<String, String> form) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (int n = 1; form.containsKey("TagSpecification.1.Tag." + n + ".Key"); n++) {
            tags.put(form.get("TagSpecification.1.Tag." + n + ".Key"), form.get("TagSpecification.1.Tag." + n + ".Value"));
        }
        return tags;
    }

    private List<LoggedRequest> calls(String action) {
        return wire.findAll(postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=" + action + "&")));
    }

    @Test
    void declaresTheWriteSideCapabilities() {
        assertThat(provider(null).capabilities()).containsExactlyInAnyOrder(Capability.CREATE_INSTANCE,
                Capability.TERMINATE_INSTANCE, Capability.CREATE_TERMINATE_INSTANCE,
                Capability.CREATE_INSTANCE_IDEMPOTENT, Capability.INSTANCE_USERDATA, Capability.TAGS,
                Capability.REBOOT_INSTANCE, Capability.STOP_START_INSTANCE);
    }

    @Test
    void createSendsClientTokenTagsSpotOptionsUserDataAndTheKey() {
        stubKeyAndRun();

        ProviderInstance created = provider(null).createInstance(request("ref-1", UsageClass.SPOT,
                "ami-0abcdef1234567890"));

        assertThat(created.providerInstanceId()).isEqualTo("i-0aaa");
        assertThat(created.state()).isEqualTo(InstanceState.PENDING);
        assertThat(created.refId()).as("read back from the tags we sent").isEqualTo("ref-1");
        assertThat(created.credentialRef()).isEqualTo("cred-7");
        assertThat(created.region()).isEqualTo("us-east-1");
        assertThat(created.zone()).isEqualTo("us-east-1a");

        Map<String, String> key = form(calls("ImportKeyPair").get(0));
        assertThat(key.get("KeyName")).startsWith("skyfleet-ref-1-");
        assertThat(new String(Base64.getDecoder().decode(key.get("PublicKeyMaterial")), StandardCharsets.UTF_8))
                .isEqualTo(SSH_KEY);

        List<LoggedRequest> runs = calls("RunInstances");
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).getHeader("Authorization")).contains("/us-east-1/ec2/aws4_request");
        Map<String, String> run = form(runs.get(0));
        assertThat(run).containsEntry("ClientToken", AwsInstances.clientToken("ref-1"))
                .containsEntry("MinCount", "1").containsEntry("MaxCount", "1")
                .containsEntry("InstanceType", "g5.xlarge").containsEntry("ImageId", "ami-0abcdef1234567890")
                .containsEntry("KeyName", key.get("KeyName"))
                .containsEntry("Placement.AvailabilityZone", "us-east-1a")
                .containsEntry("InstanceMarketOptions.MarketType", "spot")
                .containsEntry("InstanceMarketOptions.SpotOptions.SpotInstanceType", "one-time")
                .containsEntry("TagSpecification.1.ResourceType", "instance");
        assertThat(run.get("ClientToken")).hasSizeLessThanOrEqualTo(64).matches("\\p{ASCII}+");
        assertThat(new String(Base64.getDecoder().decode(run.get("UserData")), StandardCharsets.UTF_8))
                .isEqualTo(USER_DATA);
        assertThat(sentTags(run)).containsEntry("skyfleet-ref-id", "ref-1").containsEntry("skyfleet-cred", "cred-7")
                .containsEntry("Name", "trainer-1").containsEntry("team", "ml").doesNotContainKey("aws:reserved");
    }

    @Test
    void sameRefIdTwiceSendsTheSameClientTokenAndToleratesTheDuplicateKey() {
        stubKeyAndRun();
        AwsEc2Provider provider = provider("ami-default0000000001");

        provider.createInstance(request("ref-retry", UsageClass.ON_DEMAND, null));
        wire.stubFor(ec2("ImportKeyPair").willReturn(error(400, "InvalidKeyPair.Duplicate",
                "The keypair already exists")));
        ProviderInstance again = provider.createInstance(request("ref-retry", UsageClass.ON_DEMAND, null));

        assertThat(again.providerInstanceId()).isEqualTo("i-0aaa");
        List<LoggedRequest> runs = calls("RunInstances");
        assertThat(runs).hasSize(2);
        Map<String, String> first = form(runs.get(0));
        Map<String, String> second = form(runs.get(1));
        assertThat(second.get("ClientToken")).isEqualTo(first.get("ClientToken"))
                .isNotEqualTo(AwsInstances.clientToken("ref-other"));
        assertThat(first).containsEntry("ImageId", "ami-default0000000001")
                .doesNotContainKey("InstanceMarketOptions.MarketType");
    }

    @Test
    void createWithoutAnyImageIsAnInvalidRequestNamingTheMissingImage() {
        stubKeyAndRun();

        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> provider(null).createInstance(request("ref-noimg", UsageClass.ON_DEMAND, null)));

        assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(e.getMessage()).contains("image").contains("aws.default-image-id");
        assertThat(calls("RunInstances")).isEmpty();
    }

    @Test
    void insufficientCapacityIsNotRetriedByTheSdk() {
        stubKeyAndRun();
        wire.stubFor(ec2("RunInstances").willReturn(error(500, "InsufficientInstanceCapacity",
                "We currently do not have sufficient g5.xlarge capacity in the Availability Zone you requested")));

        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> provider(null).createInstance(request("ref-ice", UsageClass.ON_DEMAND, "ami-1")));

        assertThat(e.kind()).isEqualTo(ErrorKind.INSUFFICIENT_CAPACITY);
        assertThat(e.providerCode()).isEqualTo("InsufficientInstanceCapacity");
        assertThat(calls("RunInstances")).as("one attempt although maxAttempts=3").hasSize(1);
        assertThat(e.getMessage()).doesNotContain(SSH_KEY).doesNotContain("secret-user-data");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            VcpuLimitExceeded           | QUOTA_EXCEEDED
            InstanceLimitExceeded       | QUOTA_EXCEEDED
            IdempotentParameterMismatch | INVALID_REQUEST
            InvalidAMIID.NotFound       | INVALID_REQUEST
            Unsupported                 | INSUFFICIENT_CAPACITY
            """)
    void launchErrorsMapToTheTaxonomy(String code, ErrorKind expected) {
        stubKeyAndRun();
        wire.stubFor(ec2("RunInstances").willReturn(error(400, code, "launch refused")));

        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> provider(null).createInstance(request("ref-q", UsageClass.ON_DEMAND, "ami-1")));

        assertThat(e.kind()).isEqualTo(expected);
        assertThat(calls("RunInstances")).hasSize(1);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            pending       | PENDING
            running       | RUNNING
            stopping      | STOPPING
            stopped       | STOPPED
            shutting-down | TERMINATING
            terminated    | TERMINATED
            hibernating   | UNKNOWN
            """)
    void getMapsTheStateAndReadsOurTagsBack(String raw, InstanceState expected) {
        wire.stubFor(ec2("DescribeInstances").willReturn(xml(describe(instance("i-0bbb", raw,
                "Name", "trainer-1", "skyfleet-ref-id", "ref-9", "skyfleet-cred", "cred-7")))));

        Optional<ProviderInstance> found = provider(null).getInstance("i-0bbb");

        assertThat(found).isPresent();
        assertThat(found.get().state()).isEqualTo(expected);
        assertThat(found.get().rawState()).isEqualTo(raw);
        assertThat(found.get().refId()).isEqualTo("ref-9");
        assertThat(found.get().credentialRef()).isEqualTo("cred-7");
        assertThat(found.get().name()).isEqualTo("trainer-1");
        assertThat(found.get().publicIp()).isEqualTo("198.51.100.7");
        assertThat(found.get().privateIp()).isEqualTo("10.0.1.10");
        assertThat(found.get().createdAt()).isEqualTo(Instant.parse("2026-11-21T17:59:30Z"));
        assertThat(form(calls("DescribeInstances").get(0))).containsEntry("InstanceId.1", "i-0bbb");
    }

    @Test
    void getOfAMissingInstanceIsEmpty() {
        wire.stubFor(ec2("DescribeInstances").willReturn(error(400, "InvalidInstanceID.NotFound",
                "The instance ID 'i-0gone' does not exist")));

        assertThat(provider(null).getInstance("i-0gone")).isEmpty();
    }

    @Test
    void listSkipsUntaggedInstancesAndFiltersByOurTag() {
        wire.stubFor(ec2("DescribeInstances").willReturn(xml(describe(
                instance("i-0ours", "running", "skyfleet-ref-id", "ref-1", "Name", "a"),
                instance("i-0manual", "running", "Name", "someone-elses"),
                instance("i-0bare", "stopped")))));

        List<ProviderInstance> all = provider(null).listInstances(InstanceFilter.ALL);

        assertThat(all).extracting(ProviderInstance::providerInstanceId).containsExactly("i-0ours");
        Map<String, String> sent = form(calls("DescribeInstances").get(0));
        assertThat(sent).containsEntry("Filter.1.Name", "tag-key").containsEntry("Filter.1.Value.1", "skyfleet-ref-id")
                .containsEntry("Filter.2.Name", "instance-state-name").doesNotContainValue("terminated");
    }

    @Test
    void listByRefIdFiltersOnTheTagValue() {
        wire.stubFor(ec2("DescribeInstances").willReturn(xml(describe(
                instance("i-0ours", "running", "skyfleet-ref-id", "ref-1")))));

        List<ProviderInstance> one = provider(null).listInstances(new InstanceFilter("ref-1", "us-east-1"));

        assertThat(one).extracting(ProviderInstance::refId).containsExactly("ref-1");
        assertThat(form(calls("DescribeInstances").get(0))).containsEntry("Filter.1.Name", "tag:skyfleet-ref-id")
                .containsEntry("Filter.1.Value.1", "ref-1");
    }

    @Test
    void terminateOfAMissingInstanceSucceeds() {
        wire.stubFor(ec2("TerminateInstances").willReturn(error(400, "InvalidInstanceID.NotFound",
                "The instance ID 'i-0gone' does not exist")));

        provider(null).terminateInstance("i-0gone");

        assertThat(form(calls("TerminateInstances").get(0))).containsEntry("InstanceId.1", "i-0gone");
    }

    @Test
    void terminateStopStartAndRebootCallTheirActions() {
        String change = "<instancesSet><item><instanceId>i-0ccc</instanceId><currentState><code>32</code>"
                + "<name>shutting-down</name></currentState><previousState><code>16</code><name>running</name>"
                + "</previousState></item></instancesSet>";
        wire.stubFor(ec2("TerminateInstances").willReturn(xml("<TerminateInstancesResponse " + NS
                + "><requestId>r</requestId>" + change + "</TerminateInstancesResponse>")));
        wire.stubFor(ec2("StopInstances").willReturn(xml("<StopInstancesResponse " + NS
                + "><requestId>r</requestId>" + change + "</StopInstancesResponse>")));
        wire.stubFor(ec2("StartInstances").willReturn(xml("<StartInstancesResponse " + NS
                + "><requestId>r</requestId>" + change + "</StartInstancesResponse>")));
        wire.stubFor(ec2("RebootInstances").willReturn(xml("<RebootInstancesResponse " + NS
                + "><requestId>r</requestId><return>true</return></RebootInstancesResponse>")));
        AwsEc2Provider provider = provider(null);

        provider.stopInstance("i-0ccc");
        provider.startInstance("i-0ccc");
        provider.rebootInstance("i-0ccc");
        provider.terminateInstance("i-0ccc");

        for (String action : List.of("StopInstances", "StartInstances", "RebootInstances", "TerminateInstances")) {
            assertThat(calls(action)).as(action).hasSize(1);
            assertThat(form(calls(action).get(0))).containsEntry("InstanceId.1", "i-0ccc");
        }
    }

    @Test
    void stopOfAMissingInstanceIsNotFound() {
        wire.stubFor(ec2("StopInstances").willReturn(error(400, "InvalidInstanceID.NotFound", "does not exist")));

        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> provider(null).stopInstance("i-0gone"));

        assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND);
    }

    @Test
    void clientTokenIsDeterministicShortAndAscii() {
        assertThat(AwsInstances.clientToken("ref-1")).isEqualTo(AwsInstances.clientToken("ref-1"))
                .isNotEqualTo(AwsInstances.clientToken("ref-2"));
        assertThat(AwsInstances.clientToken("x".repeat(500) + "é")).hasSizeLessThanOrEqualTo(64)
                .matches("[a-z0-9-]+");
        assertThat(request("ref-1", UsageClass.SPOT, null).toString()).doesNotContain(SSH_KEY)
                .doesNotContain("secret-user-data");
    }
}
