package weft.cli;

import picocli.CommandLine.Command;
import weft.multitask.Multitask;

/** {@code java -jar weft.jar multitask}: part (a) of the seed, its output byte for byte. */
@Command(name = "multitask", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Run the seed's multitask.py: countdown(10), countdown(5) and countup(20) as round-robin tasks.")
final class MultitaskCommand implements Runnable {
    @Override
    public void run() {
        Multitask.run(System.out);
    }
}
