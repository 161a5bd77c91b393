package dev.weft.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar echo-bench.jar load|idle|netty ...}: the benchmark's Java pieces in one jar. */
@Command(name = "echo-bench", mixinStandardHelpOptions = true,
        subcommands = {LoadCommand.class, IdleCommand.class, NettyCommand.class, ChatLoadCommand.class,
                NettyChatCommand.class},
        description = "Echo-server benchmark: load generator, idle-memory probe and a Netty peer server.")
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "missing command: load, idle or netty");
    }
}
