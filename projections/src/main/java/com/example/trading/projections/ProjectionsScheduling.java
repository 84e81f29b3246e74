package com.example.trading.projections;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Turns on the scheduled price feed. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ProjectionsScheduling {}
