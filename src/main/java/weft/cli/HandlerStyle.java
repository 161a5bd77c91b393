package weft.cli;

import java.util.Locale;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import weft.net.EchoServer;

/** {@code --handler traps|gensocket}, in lower case, with the choices named when it is wrong. */
final class HandlerStyle implements ITypeConverter<EchoServer.Handler> {
    @Override
    public EchoServer.Handler convert(String value) {
        try {
            return EchoServer.Handler.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("'" + value + "' is not traps or gensocket");
        }
    }
}
