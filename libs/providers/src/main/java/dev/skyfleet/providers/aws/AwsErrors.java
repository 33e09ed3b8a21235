package dev.skyfleet.providers.aws;

import dev.skyfleet.providers.ErrorKind;
import dev.skyfleet.providers.ProviderException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Maps AWS SDK errors to the taxonomy by error code first, then by HTTP status. With the url-connection HTTP client
 * the body of a 401 is not readable (HttpURLConnection), so EC2's {@code AuthFailure} (HTTP 401) arrives without a
 * code and maps by status.
 *
 * <p>Launch errors follow {@code aws-ec2-catalog.md} §5: the capacity codes (including {@code Unsupported}: the type is
 * not offered in that AZ, Karpenter's "unfulfillable" list) are {@link ErrorKind#INSUFFICIENT_CAPACITY}; vCPU and
 * instance limits are {@link ErrorKind#QUOTA_EXCEEDED}; {@code IdempotentParameterMismatch} (same ClientToken,
 * different arguments), {@code InvalidParameterValue} and every {@code InvalidAMIID.*} (also
 * {@code InvalidAMIID.NotFound}) are {@link ErrorKind#INVALID_REQUEST}.
 */
public final class AwsErrors {
    private static final Set<String> AUTH = Set.of("AuthFailure", "UnauthorizedOperation", "InvalidClientTokenId",
            "SignatureDoesNotMatch", "AccessDenied", "AccessDeniedException", "UnrecognizedClientException",
            "ExpiredToken", "ExpiredTokenException", "OptInRequired", "InvalidCloudCredentials",
            "AuthFailure.ServiceLinkedRoleCreationNotPermitted");
    private static final Set<String> THROTTLED = Set.of("RequestLimitExceeded", "Throttling", "ThrottlingException",
            "TooManyRequestsException", "RequestThrottled", "RequestThrottledException");
    private static final Set<String> CAPACITY = Set.of("InsufficientInstanceCapacity", "InsufficientCapacity",
            "InsufficientHostCapacity", "Unsupported", "UnfulfillableCapacity", "MaxSpotInstanceCountExceeded",
            "InsufficientFreeAddressesInSubnet", "ReservationCapacityExceeded", "SpotMaxPriceTooLow");
    private static final Set<String> QUOTA = Set.of("VcpuLimitExceeded", "InstanceLimitExceeded",
            "MaxFleetCountExceeded");
    private static final Set<String> UNAVAILABLE = Set.of("InternalError", "InternalFailure", "ServiceUnavailable",
            "Unavailable", "InternalErrorException", "ServiceUnavailableException");

    private AwsErrors() {
    }

    public static ErrorKind kindOf(String code, int status) {
        if (code != null) {
            if (AUTH.contains(code)) {
                return ErrorKind.AUTHENTICATION_FAILED;
            }
            if (THROTTLED.contains(code)) {
                return ErrorKind.RATE_LIMITED;
            }
            if (CAPACITY.contains(code)) {
                return ErrorKind.INSUFFICIENT_CAPACITY;
            }
            if (QUOTA.contains(code)) {
                return ErrorKind.QUOTA_EXCEEDED;
            }
            if (UNAVAILABLE.contains(code)) {
                return ErrorKind.PROVIDER_UNAVAILABLE;
            }
            if (code.equals("IdempotentParameterMismatch") || code.equals("InvalidParameterValue")
                    || code.startsWith("InvalidAMIID.")) {
                return ErrorKind.INVALID_REQUEST;
            }
            if (code.startsWith("InvalidInstanceID.NotFound") || code.endsWith(".NotFound")) {
                return ErrorKind.NOT_FOUND;
            }
            if (code.startsWith("Invalid") || code.startsWith("MissingParameter")) {
                return ErrorKind.INVALID_REQUEST;
            }
        }
        if (status == 401 || status == 403) {
            return ErrorKind.AUTHENTICATION_FAILED;
        }
        if (status == 429) {
            return ErrorKind.RATE_LIMITED;
        }
        if (status >= 500 || status == 0) {
            return ErrorKind.PROVIDER_UNAVAILABLE;
        }
        return ErrorKind.INVALID_REQUEST;
    }

    /** Wraps an SDK exception; the message names the operation and the AWS code, never credentials. */
    public static ProviderException map(SdkException e, String operation) {
        if (e instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
            String message = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorMessage();
            int status = service.statusCode();
            return new ProviderException(AwsEc2Provider.ID, kindOf(code, status),
                    operation + " failed: HTTP " + status + (code == null ? "" : " " + code)
                            + (message == null ? "" : ": " + message),
                    code, status, null, null);
        }
        if (e instanceof ApiCallTimeoutException) {
            return new ProviderException(AwsEc2Provider.ID, ErrorKind.PROVIDER_UNAVAILABLE, operation + " timed out",
                    null, 0, null, null);
        }
        if (e instanceof SdkClientException client && client.getMessage() != null
                && client.getMessage().contains("credentials")) {
            return new ProviderException(AwsEc2Provider.ID, ErrorKind.AUTHENTICATION_FAILED,
                    operation + " failed: no usable AWS credentials", null, 0, null, null);
        }
        return new ProviderException(AwsEc2Provider.ID, ErrorKind.PROVIDER_UNAVAILABLE,
                operation + " failed: " + e.getClass().getSimpleName(), null, 0, null, null);
    }
}
