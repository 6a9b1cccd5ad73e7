# Latency percentiles per scenario (bench/run writes latency.dat and calls this).
# Columns of latency.dat: label p50 p90 p99 p99.9 (milliseconds).
set terminal pngcairo size 1200,650 font "sans,10"
set output outfile
set title "Paddock benchmark, and its peer Unleash OSS: latency percentiles per scenario (log scale)"
set ylabel "latency (ms)"
set logscale y
set grid ytics
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set key top left
set xtics rotate by -20 noenhanced
set yrange [0.1:*]
plot datafile using 2:xtic(1) title "p50", '' using 3 title "p90", '' using 4 title "p99", '' using 5 title "p99.9"
