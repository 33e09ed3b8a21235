package dev.skyfleet.providers.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyfleet.providers.ErrorKind;
import dev.skyfleet.providers.ProviderException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LambdaErrorsTests {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            400 | instance-operations/launch/insufficient-capacity    | INSUFFICIENT_CAPACITY
            400 | global/quota-exceeded                               | QUOTA_EXCEEDED
            401 | global/invalid-api-key                              | AUTHENTICATION_FAILED
            403 | global/account-inactive                             | AUTHENTICATION_FAILED
            403 | global/invalid-address                              | AUTHENTICATION_FAILED
            400 | global/invalid-parameters                           | INVALID_REQUEST
            404 | global/object-does-not-exist                        | NOT_FOUND
            400 | global/object-does-not-exist                        | NOT_FOUND
            400 | instance-operations/launch/file-system-in-wrong-region | INVALID_REQUEST
            400 | ssh-keys/key-in-use                                 | INVALID_REQUEST
            409 | global/internal-error                               | PROVIDER_UNAVAILABLE
            500 | global/internal-error                               | PROVIDER_UNAVAILABLE
            503 | provider/internal-unavailable                       | PROVIDER_UNAVAILABLE
            429 | global/invalid-parameters                           | RATE_LIMITED
            """)
    void mapsErrorCodesNotMessages(int status, String code, ErrorKind expected) {
        ProviderException e = LambdaErrors.map(status,
                "{\"error\":{\"code\":\"" + code + "\",\"message\":\"Quota exceeded.\"}}", null);

        assertThat(e.kind()).isEqualTo(expected);
        assertThat(e.providerCode()).isEqualTo(code);
        assertThat(e.httpStatus()).isEqualTo(status);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            429 | Too Many Requests | RATE_LIMITED
            502 | <html>Bad gateway</html> | PROVIDER_UNAVAILABLE
            401 | '' | AUTHENTICATION_FAILED
            """)
    void nonJsonBodiesFallBackToTheStatus(int status, String body, ErrorKind expected) {
        ProviderException e = LambdaErrors.map(status, body, null);

        assertThat(e.kind()).isEqualTo(expected);
        assertThat(e.providerCode()).isNull();
    }
}
