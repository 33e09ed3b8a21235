package dev.skyfleet.providers.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyfleet.providers.ErrorKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AwsErrorsTests {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            AuthFailure                  | 401 | AUTHENTICATION_FAILED
            UnauthorizedOperation        | 403 | AUTHENTICATION_FAILED
            RequestLimitExceeded         | 503 | RATE_LIMITED
            Throttling                   | 400 | RATE_LIMITED
            InsufficientInstanceCapacity | 500 | INSUFFICIENT_CAPACITY
            MaxSpotInstanceCountExceeded | 400 | INSUFFICIENT_CAPACITY
            VcpuLimitExceeded            | 400 | QUOTA_EXCEEDED
            InstanceLimitExceeded        | 400 | QUOTA_EXCEEDED
            InvalidInstanceID.NotFound   | 400 | NOT_FOUND
            InvalidParameterValue        | 400 | INVALID_REQUEST
            Unsupported                  | 400 | INSUFFICIENT_CAPACITY
            InsufficientCapacity         | 500 | INSUFFICIENT_CAPACITY
            InsufficientHostCapacity     | 500 | INSUFFICIENT_CAPACITY
            UnfulfillableCapacity        | 500 | INSUFFICIENT_CAPACITY
            IdempotentParameterMismatch  | 400 | INVALID_REQUEST
            InvalidAMIID.NotFound        | 400 | INVALID_REQUEST
            InvalidAMIID.Malformed       | 400 | INVALID_REQUEST
            ServiceUnavailable           | 503 | PROVIDER_UNAVAILABLE
            InternalError                | 500 | PROVIDER_UNAVAILABLE
            SomethingNew                 | 502 | PROVIDER_UNAVAILABLE
            SomethingNew                 | 400 | INVALID_REQUEST
            """)
    void mapsAwsErrorCodes(String code, int status, ErrorKind expected) {
        assertThat(AwsErrors.kindOf(code, status)).isEqualTo(expected);
    }
}
